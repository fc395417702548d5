package io.exportkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ExportService#stopRun}: a host shutting down ends the runs going on, leaving nothing behind. Issue 10, item 8. */
class ExportStopTest {
  private final ServiceFixture fixture = new ServiceFixture();
  /** Open once the source has given 1000 rows. */
  private final CountDownLatch streaming = new CountDownLatch(1000);
  /** A source that never ends: only a stop ends its runs. */
  private final ExportService exports = fixture.builder()
      .participantSource(query -> Stream.generate(() -> {
        streaming.countDown();
        return ParticipantRecord.of("p1", "ann@example.org", Instant.parse("2026-05-02T10:00:00Z"), false);
      }))
      .build();

  @TempDir
  Path folder;

  @Test
  void aStoppedRunAbortsItsUploadAndEndsFailedSayingItWasStopped() throws Exception {
    Export draft = exports.create(ServiceFixture.rapid("endless").destination(Destination.of(folder.toUri())).build());
    CompletableFuture<Export> publishing = CompletableFuture.supplyAsync(() -> exports.publish(draft.id()));
    assertThat(streaming.await(10, TimeUnit.SECONDS)).isTrue();

    boolean wasRunning = exports.stopRun(draft.id(), "the host is shutting down");
    Export done = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> publishing.get());

    ExportRun run = done.lastRun();
    assertThat(wasRunning).isTrue();
    assertThat(done.status()).isEqualTo(ExportStatus.CLOSED);
    assertThat(run.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(run.rows()).isPositive();
    assertThat(run.error()).startsWith("Export 'endless' run " + run.id() + ": stopped after ")
        .endsWith(" rows (the host is shutting down); nothing was delivered, the upload was aborted");
    assertThat(run.details()).containsEntry(ExportRun.STOPPED, "the host is shutting down");
    try (Stream<Path> left = Files.list(folder)) {
      assertThat(left).as("no temporary or partial file").isEmpty();
    }
    assertThat(fixture.listener.failedEvents()).hasSize(1);
  }

  @Test
  void stoppingAnExportThatIsNotRunningDoesNothing() {
    Export draft = exports.create(ServiceFixture.rapid("idle").build());

    boolean wasRunning = exports.stopRun(draft.id(), "the host is shutting down");

    assertThat(wasRunning).isFalse();
    assertThat(exports.get(draft.id()).status()).isEqualTo(ExportStatus.DRAFT);
  }
}
