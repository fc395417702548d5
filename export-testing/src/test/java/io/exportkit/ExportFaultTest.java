package io.exportkit;

import static io.exportkit.ServiceFixture.PLANNED_AT;
import static io.exportkit.ServiceFixture.planned;
import static io.exportkit.ServiceFixture.rapid;
import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.event.ExportFailedEvent;
import io.exportkit.spi.Transport;
import io.exportkit.spi.TransportProvider;
import io.exportkit.spi.Upload;
import io.exportkit.testing.InMemoryTransport;
import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  /** Serves memory: destinations but fails to connect, as a client library would. */
  private static final class RefusingTransport implements TransportProvider {
    private final Exception failure;

    RefusingTransport(Exception failure) {
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
