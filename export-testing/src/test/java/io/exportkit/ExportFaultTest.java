package io.exportkit;

import static io.exportkit.ServiceFixture.PLANNED_AT;
import static io.exportkit.ServiceFixture.planned;
import static io.exportkit.ServiceFixture.rapid;
import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.event.ExportFailedEvent;
import io.exportkit.event.ExportListener;
import io.exportkit.event.ExportStartedEvent;
import io.exportkit.event.FileDeliveredEvent;
import io.exportkit.event.RowsWrittenEvent;
import io.exportkit.spi.Retry;
import io.exportkit.spi.Transport;
import io.exportkit.spi.TransportProvider;
import io.exportkit.spi.Upload;
import io.exportkit.testing.CapturedStandardError;
import io.exportkit.testing.InMemoryTransport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure anywhere in a run leaves nothing at the destination, is recorded on a failed run with
 * a message that says what failed, is announced to listeners, and leaves the export at rest.
 */
class ExportFaultTest {
  private final ServiceFixture fx = new ServiceFixture();
  private final ExportService exports = fx.builder().build();

  @TempDir
  Path folder;

  @Test
  void aSourceFailingMidStreamDeliversNothing() {
    fx.source.failingAfter(2);
    Export draft = exports.create(rapid("weekly").build());

    Export closed = exports.publish(draft.id());

    ExportRun run = assertFailed(closed, ExportStatus.CLOSED, "participant source failed after 2 rows");
    assertThat(run.rows()).isEqualTo(2);
    assertThat(failure().cause()).isInstanceOf(SourceException.class);
    assertNothingDeliveredInMemory();
    assertThat(fx.source.closes()).as("source streams closed").isEqualTo(fx.source.opens());
  }

  @Test
  void aTransportFailingMidStreamDeliversNothing() {
    fx.transport.failingAfter(10);
    Export draft = exports.create(rapid("weekly").build());

    Export closed = exports.publish(draft.id());

    assertFailed(closed, ExportStatus.CLOSED, "delivery to memory:out failed", "fail after 10 bytes");
    assertThat(failure().cause()).isInstanceOfSatisfying(DeliveryException.class,
        e -> assertThat(e.transportId()).isEqualTo(InMemoryTransport.ID));
    assertNothingDeliveredInMemory();
  }

  @Test
  void aFailedCommitDeliversNothing() {
    fx.transport.failingOnCommit();
    Export draft = exports.create(rapid("weekly").build());

    Export closed = exports.publish(draft.id());

    assertFailed(closed, ExportStatus.CLOSED, "delivery to memory:out failed", "fail on commit");
    assertThat(failure().cause()).isInstanceOf(DeliveryException.class);
    assertNothingDeliveredInMemory();
  }

  @Test
  void anUncheckedFailureOfATransportClientIsADeliveryFailure() {
    ExportService service = fx.builder().transport(new RefusingTransport(new IllegalArgumentException(
        "Access key ID cannot be blank."))).build();
    Export draft = service.create(rapid("weekly").build());

    Export closed = service.publish(draft.id());

    assertThat(closed.status()).isEqualTo(ExportStatus.CLOSED);
    assertThat(closed.lastRun().error()).contains("delivery to memory:out failed: Access key ID cannot be blank.");
    assertThat(failure().cause()).isInstanceOf(DeliveryException.class);
  }

  @Test
  void anUnknownHostIsNamedAsSuch() {
    ExportService service = fx.builder().transport(new RefusingTransport(new IOException("connect failed",
        new UnknownHostException("reports.example.invalid")))).build();
    Export draft = service.create(rapid("weekly").build());

    Export closed = service.publish(draft.id());

    assertThat(closed.lastRun().error()).contains(
        "cannot resolve the host reports.example.invalid; check the destination's host name or the network");
  }

  @Test
  void anErrorFromATransportEndsTheRunFailedAndLeavesTheExportAtRest() {
    ExportService service = fx.builder()
        .transport(new RefusingTransport(new NoClassDefFoundError("software/amazon/awssdk/core/SdkClient"))).build();
    Export draft = service.create(rapid("weekly").build());

    Export closed = service.publish(draft.id());

    assertFailed(service, closed, ExportStatus.CLOSED, "NoClassDefFoundError", "software/amazon/awssdk/core/SdkClient");
    assertThat(service.runs(closed.id())).extracting(ExportRun::outcome).containsExactly(RunOutcome.FAILED);
    assertThat(service.runNow(closed.id()).outcome()).as("the export can run again").isEqualTo(RunOutcome.FAILED);
  }

  @Test
  void aListenerThrowingAnErrorIsLoggedAndChangesNothing() {
    ExportService service = fx.builder().listener(new ThrowingListener(new AssertionError("a listener's bug"))).build();
    Export draft = service.create(rapid("weekly").build());

    Export closed;
    String log;
    try (CapturedStandardError captured = new CapturedStandardError()) {
      closed = service.publish(draft.id());
      log = captured.text();
    }

    assertThat(closed.status()).isEqualTo(ExportStatus.CLOSED);
    assertThat(closed.lastRun().outcome()).isEqualTo(RunOutcome.SUCCEEDED);
    assertThat(fx.transport.deliveries()).hasSize(1);
    assertThat(fx.listener.deliveredEvents()).as("the other listeners still hear of the run").hasSize(1);
    assertThat(log).contains("WARN").contains("a listener's bug");
  }

  @Test
  void aListenerThrowingWhileARunFailsKeepsTheRunsCause() {
    fx.source.failingAfter(2);
    ExportService service = fx.builder().listener(new ThrowingListener(new IllegalStateException("a listener's bug")))
        .build();
    Export draft = service.create(rapid("weekly").build());

    Export closed = service.publish(draft.id());

    assertFailed(service, closed, ExportStatus.CLOSED, "participant source failed after 2 rows");
  }

  /** Throws {@code failure} from every event. */
  private static final class ThrowingListener implements ExportListener {
    private final RuntimeException unchecked;
    private final Error error;

    ThrowingListener(Throwable failure) {
      this.unchecked = failure instanceof RuntimeException r ? r : null;
      this.error = failure instanceof Error e ? e : null;
    }

    private void fail() {
      if (error != null) {
        throw error;
      }
      throw unchecked;
    }

    @Override
    public void exportStarted(ExportStartedEvent event) {
      fail();
    }

    @Override
    public void rowsWritten(RowsWrittenEvent event) {
      fail();
    }

    @Override
    public void fileDelivered(FileDeliveredEvent event) {
      fail();
    }

    @Override
    public void exportFailed(ExportFailedEvent event) {
      fail();
    }
  }

  @Test
  void aCustomExportWhoseOptionLapsedFailsAtEveryRunAndKeepsItsSchedule() {
    AtomicBoolean customOption = new AtomicBoolean(true);
    ExportService service = fx.builder().entitlements(type -> type != ExportType.CUSTOM || customOption.get()).build();
    Export scheduled = service.publish(service.create(ServiceFixture.custom("weekly").trigger(planned()).build()).id());
    customOption.set(false);

    ExportRun byHand = service.runNow(scheduled.id());

    assertThat(byHand.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(byHand.error()).contains("CUSTOM exports", "not active");
    assertThat(service.get(scheduled.id()).status()).isEqualTo(ExportStatus.SCHEDULED);
    assertThat(service.get(scheduled.id()).nextFireAt()).isEqualTo(PLANNED_AT);

    ExportService.Firing firing = new ExportService.Firing("node-1", Duration.ofMinutes(5), 1, Duration.ofMinutes(1),
        Duration.ofMinutes(1));
    fx.clock.set(PLANNED_AT);
    ExportRun fired = service.fire(service.claim(scheduled.id(), PLANNED_AT, firing).orElseThrow(), firing);

    assertThat(fired.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(fired.error()).contains("CUSTOM exports", "not active");
    assertNothingDeliveredInMemory();
  }

  @Test
  void aDeliveryFailureNamesTheDestinationOnceAndLogsOneWarning() {
    ExportService service = fx.builder().transport(new RetryingTransport(new ConnectException("Connection refused")))
        .build();
    Export draft = service.create(rapid("weekly").build());

    Export closed;
    String log;
    try (CapturedStandardError captured = new CapturedStandardError()) {
      closed = service.publish(draft.id());
      log = captured.text();
    }

    String error = closed.lastRun().error();
    assertThat(error).contains("delivery to memory:out failed: connecting failed after 2 attempts: Connection refused");
    assertThat(error.split("memory:out", -1)).as("the destination, named once: " + error).hasSize(2);
    assertThat(log.lines().filter(line -> line.contains(" WARN "))).as(log).hasSize(1);
    assertThat(log).as("no stack trace above DEBUG").doesNotContain("\tat ");
  }

  @Test
  void controlCharactersOfAServersReplyAreEscapedInTheRunAndTheLog() {
    ExportService service = fx.builder().transport(new RefusingTransport(
        new IOException("550 Permission denied.\r\nDELE victim.csv\u0000\u001b[31m"))).build();
    Export draft = service.create(rapid("weekly").build());

    Export closed;
    String log;
    try (CapturedStandardError captured = new CapturedStandardError()) {
      closed = service.publish(draft.id());
      log = captured.text();
    }

    assertThat(closed.lastRun().error())
        .contains("550 Permission denied.\\r\\nDELE victim.csv\\u0000\\u001b[31m")
        .doesNotContainPattern("\\p{Cntrl}");
    assertThat(log).contains("550 Permission denied.\\r\\nDELE victim.csv\\u0000").doesNotContain("\u0000", "\u001b");
    assertThat(log.lines()).noneMatch(line -> line.startsWith("DELE"));
  }

  @Test
  void aTakenFileNameSuggestsATokenThatChangesFromRunToRun() throws IOException {
    Files.writeString(folder.resolve("weekly.lines"), "original");
    Export draft = exports.create(rapid("weekly").naming("{export}.{ext}").destination(Destination.of(folder.toUri())).build());

    Export closed = exports.publish(draft.id());

    assertThat(closed.lastRun().error()).contains("{run}", "{datetime:yyyyMMdd-HHmmss}").doesNotContain("{seq}");
  }

  /** Serves memory: destinations, and fails to connect with {@code failure} on every attempt of the SPI's retry. */
  private static final class RetryingTransport implements TransportProvider {
    private final IOException failure;

    RetryingTransport(IOException failure) {
      this.failure = failure;
    }

    @Override
    public String id() {
      return InMemoryTransport.ID;
    }

    @Override
    public Transport open(Destination destination, SecretResolver secrets) throws IOException {
      Retry retry = new Retry(destination.uri(), 2, Duration.ofMillis(1), e -> true, () -> { });
      return retry.call("connecting", () -> {
        throw failure;
      });
    }
  }

  /** Serves memory: destinations but fails to connect, as a client library would. */
  private static final class RefusingTransport implements TransportProvider {
    private final Throwable failure;

    RefusingTransport(Throwable failure) {
      this.failure = failure;
    }

    @Override
    public String id() {
      return InMemoryTransport.ID;
    }

    @Override
    public Transport open(Destination destination, SecretResolver secrets) {
      if (failure instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      return new Transport() {
        @Override
        public Upload upload(String fileName) throws IOException {
          throw (IOException) failure;
        }

        @Override
        public void close() {
          // Nothing was opened.
        }
      };
    }
  }

  @Test
  void aSourceFailingMidStreamLeavesNoFileInTheFolder() throws IOException {
    fx.source.failingAfter(2);
    Export draft = exports.create(rapid("weekly").destination(Destination.of(folder.toUri())).build());

    Export closed = exports.publish(draft.id());

    assertFailed(closed, ExportStatus.CLOSED, "participant source failed after 2 rows");
    assertThat(folder).as("no file, not even a temporary one").isEmptyDirectory();
  }

  @Test
  void aTakenFileNameFailsTheRunAndKeepsTheExistingFile() throws IOException {
    Files.writeString(folder.resolve("weekly.lines"), "original");
    Export draft = exports.create(rapid("weekly").naming("{export}.{ext}").destination(Destination.of(folder.toUri())).build());

    Export closed = exports.publish(draft.id());

    assertFailed(closed, ExportStatus.CLOSED, "weekly.lines", "change the naming template", "allow overwriting");
    assertThat(folder.resolve("weekly.lines")).hasContent("original");
    assertThat(fileNames(folder)).containsExactly("weekly.lines");
  }

  @Test
  void aRerunUnderTheSameNameFailsAndKeepsTheFirstFile() {
    Export closed = exports.publish(exports.create(rapid("weekly").naming("{export}.{ext}").build()).id());

    ExportRun rerun = exports.runNow(closed.id());

    assertThat(rerun.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(rerun.error()).contains("change the naming template", "allow overwriting");
    assertThat(exports.get(closed.id()).status()).isEqualTo(ExportStatus.CLOSED);
    assertThat(fx.transport.deliveries()).singleElement().extracting(InMemoryTransport.Delivery::text).isEqualTo(ServiceFixture.SUMMER_LINES);
  }

  @Test
  void aFailedRunNowOfAScheduledExportLeavesItScheduled() {
    Export scheduled = exports.publish(exports.create(rapid("weekly").trigger(planned()).build()).id());
    fx.source.failingAfter(1);

    ExportRun run = exports.runNow(scheduled.id());

    Export after = exports.get(scheduled.id());
    assertFailed(after, ExportStatus.SCHEDULED, "participant source failed after 1 rows");
    assertThat(after.lastRun()).isEqualTo(run);
    assertThat(after.nextFireAt()).isEqualTo(PLANNED_AT);
    assertNothingDeliveredInMemory();
  }

  /** Checks the export's last run failed with a message naming the export, the run and {@code causes}. */
  private ExportRun assertFailed(Export export, ExportStatus status, String... causes) {
    return assertFailed(exports, export, status, causes);
  }

  private ExportRun assertFailed(ExportService exports, Export export, ExportStatus status, String... causes) {
    ExportRun run = export.lastRun();
    assertThat(export.status()).isEqualTo(status);
    assertThat(run).isNotNull();
    assertThat(run.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(run.endedAt()).isNotNull();
    assertThat(run.sha256()).isNull();
    assertThat(run.location()).isNull();
    assertThat(run.error()).startsWith("Export '" + export.name() + "' run " + run.id() + ": ").contains(causes);
    assertThat(exports.runs(export.id()).get(0)).isEqualTo(run);
    assertThat(fx.listener.failedEvents()).singleElement().satisfies(event -> {
      assertThat(event.run()).isEqualTo(run);
      assertThat(event.cause()).hasMessage(run.error());
    });
    assertThat(fx.listener.deliveredEvents()).isEmpty();
    return run;
  }

  private ExportFailedEvent failure() {
    return fx.listener.failedEvents().get(0);
  }

  private void assertNothingDeliveredInMemory() {
    assertThat(fx.transport.files()).isEmpty();
    assertThat(fx.transport.deliveries()).isEmpty();
    assertThat(fx.transport.pending()).as("uploads left open").isZero();
  }

  private static List<String> fileNames(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(path -> path.getFileName().toString()).toList();
    }
  }
}
