package io.exportkit;

import static io.exportkit.ServiceFixture.SUMMER_LINES;
import static io.exportkit.ServiceFixture.rapid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.exportkit.event.ExportStartedEvent;
import io.exportkit.event.FileDeliveredEvent;
import io.exportkit.event.RowsWrittenEvent;
import io.exportkit.testing.InMemoryParticipantSource;
import io.exportkit.testing.InMemoryTransport.Delivery;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/** One run end to end: what the report says matches what was delivered, and what was announced. */
class ExportPipelineTest {
  private final ServiceFixture fx = new ServiceFixture();
  private final ExportService exports = fx.builder().build();

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  @Test
  void theRunReportMatchesTheDeliveredBytes() throws Exception {
    Export draft = exports.create(rapid("weekly").build());

    ExportRun run = exports.publish(draft.id()).lastRun();

    Delivery delivery = fx.transport.deliveries().get(0);
    assertThat(delivery.text()).isEqualTo(SUMMER_LINES);
    assertThat(run.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
    assertThat(run.rows()).isEqualTo(4);
    assertThat(run.bytes()).isEqualTo(delivery.bytes().length);
    assertThat(run.sha256()).isEqualTo(sha256Hex(delivery.bytes()));
    assertThat(run.fileName()).isEqualTo(delivery.fileName()).isEqualTo("weekly_" + run.id() + ".lines");
    assertThat(run.location()).isEqualTo(delivery.location());
    assertThat(run.exportVersion()).as("the version that ran").isEqualTo(2);
    assertThat(fx.source.opens()).isEqualTo(1);
    assertThat(fx.source.closes()).isEqualTo(1);
  }

  @Test
  void theBuiltInFileTransportDeliversWhatTheReportSays(@TempDir Path folder) throws Exception {
    Export draft = exports.create(rapid("weekly").destination(Destination.of(folder.toUri())).build());

    ExportRun run = exports.publish(draft.id()).lastRun();

    Path file = folder.resolve(run.fileName());
    assertThat(run.outcome()).as(run.error()).isEqualTo(RunOutcome.SUCCEEDED);
    assertThat(run.location()).isEqualTo(file.toUri());
    assertThat(file).hasContent(SUMMER_LINES);
    assertThat(run.sha256()).isEqualTo(sha256Hex(Files.readAllBytes(file)));
    try (InputStream delivered = exports.openDelivered(run.id())) {
      assertThat(delivered).hasContent(SUMMER_LINES);
    }
    try (var files = Files.list(folder)) {
      assertThat(files).as("no temporary file left").containsExactly(file);
    }
  }

  @Test
  void progressIsAnnouncedEveryIntervalAndAtTheEnd() {
    InMemoryParticipantSource sevenRows = InMemoryParticipantSource.builder()
        .operation(ServiceFixture.SUMMER.id())
        .participation(Map.of("id", "p1"))
        .participation(Map.of("id", "p2"))
        .participation(Map.of("id", "p3"))
        .participation(Map.of("id", "p4"))
        .participation(Map.of("id", "p5"))
        .participation(Map.of("id", "p6"))
        .participation(Map.of("id", "p7"))
        .build();
    ExportService everyThreeRows = fx.builder().participantSource(sevenRows).progressInterval(3).build();
    Export draft = everyThreeRows.create(rapid("weekly").build());

    ExportRun run = everyThreeRows.publish(draft.id()).lastRun();

    List<RowsWrittenEvent> progress = fx.listener.rowsWrittenEvents();
    assertThat(progress).extracting(RowsWrittenEvent::rows).containsExactly(3L, 6L, 7L);
    assertThat(progress).allSatisfy(event -> {
      assertThat(event.exportId()).isEqualTo(draft.id());
      assertThat(event.runId()).isEqualTo(run.id());
    });
    assertThat(progress.get(2).bytes()).as("bytes at the end").isEqualTo(run.bytes());
    assertThat(fx.listener.events()).first().isInstanceOf(ExportStartedEvent.class);
    assertThat(fx.listener.events()).last().isEqualTo(new FileDeliveredEvent(run));
  }

  @Test
  void aGlobalExportLeadsWithTheOperationAndKeepsToThePeriod() {
    Export draft = exports.create(rapid("spring").type(ExportType.GLOBAL).operations(List.of())
        .period(Period.of(LocalDate.of(2026, 5, 2), LocalDate.of(2026, 5, 3))).build());

    ExportRun run = exports.publish(draft.id()).lastRun();

    assertThat(run.fileName()).startsWith("spring_");
    assertThat(fx.transport.deliveries().get(0).text()).isEqualTo("""
        Operation,Id,E-mail,Date,Won,Score
        summer,p1,ann@example.org,2026-05-02T10:00:00Z,false,
        summer,p2,bob@example.org,2026-05-03T11:00:00Z,true,
        quiz,p1,ann@example.org,2026-05-02T09:00:00Z,,7
        """);
  }

  @Test
  void theMdcNamesTheRunWhileItRunsAndIsLeftAsItWas() {
    MDC.put("request", "r-1");
    Map<String, String> seen = new HashMap<>();
    ParticipantSource recordingMdc = query -> {
      seen.putAll(MDC.getCopyOfContextMap());
      return fx.source.open(query);
    };
    ExportService service = fx.builder().participantSource(recordingMdc).build();
    Export draft = service.create(rapid("weekly").build());

    ExportRun run = service.publish(draft.id()).lastRun();

    assertThat(seen).containsOnly(entry("request", "r-1"), entry("exportId", draft.id()), entry("runId", run.id()));
    assertThat(MDC.getCopyOfContextMap()).containsOnly(entry("request", "r-1"));
  }

  @Test
  void theMdcIsLeftAsItWasAfterAFailedRun() {
    MDC.put("request", "r-1");
    fx.source.failingAfter(1);
    Export draft = exports.create(rapid("weekly").build());

    ExportRun run = exports.publish(draft.id()).lastRun();

    assertThat(run.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(MDC.getCopyOfContextMap()).containsOnly(entry("request", "r-1"));
  }

  private static String sha256Hex(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
