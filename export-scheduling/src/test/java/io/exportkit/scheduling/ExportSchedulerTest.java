package io.exportkit.scheduling;

import static io.exportkit.scheduling.SchedulingFixture.START;
import static io.exportkit.scheduling.SchedulingFixture.export;
import static io.exportkit.scheduling.SchedulingFixture.fileName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.exportkit.Export;
import io.exportkit.ExportRun;
import io.exportkit.ExportStatus;
import io.exportkit.Operation;
import io.exportkit.RunOutcome;
import io.exportkit.Trigger;
import io.exportkit.testing.InMemoryTransport;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExportSchedulerTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  /** The first occurrence of {@link #publishDailyAtSix()}. */
  private static final Instant SIX = Instant.parse("2026-03-02T06:00:00Z");

  private final SchedulingFixture cluster = new SchedulingFixture();
  private final SchedulingFixture.Node node = cluster.node("node-1");
  private final ExportScheduler scheduler = node.scheduler();
  /** The runs handed to a scheduler built with {@code .executor(queued::add)}, not run until the test says. */
  private final List<Runnable> queued = new ArrayList<>();

  @Test
  void aPlannedExportFiresOnceAtItsTimeThenCloses() {
    Instant at = START.plus(Duration.ofHours(3));
    Export published = node.publish(export("planned", Trigger.planned(LocalDateTime.ofInstant(at, ZoneOffset.UTC),
        ZoneOffset.UTC)).build());

    int early = tickAt(at.minusSeconds(1));
    int onTime = tickAt(at);
    int later = tickAt(at.plus(Duration.ofDays(2)));

    Export closed = node.exports.get(published.id());
    assertThat(published.status()).isEqualTo(ExportStatus.SCHEDULED);
    assertThat(List.of(early, onTime, later)).containsExactly(0, 1, 0);
    assertThat(closed.status()).isEqualTo(ExportStatus.CLOSED);
    assertThat(closed.nextFireAt()).isNull();
    assertThat(closed.lease()).isNull();
    assertThat(closed.lastRun().occurrence()).isEqualTo(at);
    assertThat(closed.lastRun().outcome()).isEqualTo(RunOutcome.SUCCEEDED);
    assertThat(cluster.transport.deliveries()).extracting(InMemoryTransport.Delivery::fileName)
        .containsExactly(fileName("planned", at));
  }

  @Test
  void aDailyExportIsScheduledAgainAtItsNextOccurrenceAfterEachRun() {
    Export published = node.publish(export("daily", Trigger.daily(LocalTime.of(6, 30), PARIS)).build());
    Instant first = Instant.parse("2026-03-02T05:30:00Z");

    tickAt(first);

    Export after = node.exports.get(published.id());
    assertThat(published.nextFireAt()).isEqualTo(first);
    assertThat(after.status()).isEqualTo(ExportStatus.SCHEDULED);
    assertThat(after.nextFireAt()).isEqualTo(Instant.parse("2026-03-03T05:30:00Z"));
    assertThat(after.lastRun().occurrence()).isEqualTo(first);
    assertThat(after.lastRun().sequence()).isEqualTo(1);
  }

  @Test
  void theFileIsNamedAfterTheOccurrenceNotAfterTheClock() {
    Export published = node.publish(export("daily", Trigger.daily(LocalTime.of(6, 0), ZoneOffset.UTC))
        .naming("{export}_{date}_{time}_{seq}.{ext}").build());

    tickAt(Instant.parse("2026-03-02T06:04:59Z"));

    ExportRun run = node.exports.get(published.id()).lastRun();
    assertThat(run.startedAt()).isEqualTo(Instant.parse("2026-03-02T06:04:59Z"));
    assertThat(run.fileName()).isEqualTo("daily_20260302_060000_1.lines");
  }

  @Test
  void aDisabledExportNeverFires() {
    Export published = publishDailyAtSix();

    node.exports.disable(published.id());
    int claimed = tickEveryHourFor(Duration.ofDays(3));

    assertThat(claimed).isZero();
    assertThat(node.exports.get(published.id()).status()).isEqualTo(ExportStatus.DRAFT);
    assertThat(cluster.transport.deliveries()).isEmpty();
  }

  @Test
  void aRepublishedExportFiresFromItsNewTrigger() {
    Export published = publishDailyAtSix();
    Export draft = node.exports.disable(published.id());
    node.exports.update(draft.id(), draft.version(),
        export("daily", Trigger.daily(LocalTime.of(18, 0), ZoneOffset.UTC)).build());
    node.exports.publish(draft.id());

    int atTheOldTime = tickAt(SIX);
    int atTheNewTime = tickAt(Instant.parse("2026-03-02T18:00:00Z"));

    assertThat(atTheOldTime).isZero();
    assertThat(atTheNewTime).isOne();
    assertThat(node.exports.get(draft.id()).lastRun().occurrence()).isEqualTo(Instant.parse("2026-03-02T18:00:00Z"));
  }

  @Test
  void anAtEndExportFollowsAnOperationEndThatMovedLater() {
    Operation game = cluster.directory.find(SchedulingFixture.GAME.id()).orElseThrow();
    Instant end = START.plus(Duration.ofDays(1));
    Instant movedEnd = end.plus(Duration.ofHours(5));
    cluster.directory.put(withEnd(game, end));
    Export published = node.publish(export("at-end", Trigger.atOperationEnd(Duration.ofMinutes(30))).build());

    cluster.directory.put(withEnd(game, movedEnd));
    int atTheOldEnd = tickAt(end.plus(Duration.ofMinutes(30)));
    Export waiting = node.exports.get(published.id());
    int atTheNewEnd = tickAt(movedEnd.plus(Duration.ofMinutes(30)));

    assertThat(atTheOldEnd).isZero();
    assertThat(waiting.nextFireAt()).isEqualTo(movedEnd.plus(Duration.ofMinutes(30)));
    assertThat(atTheNewEnd).isOne();
    assertThat(node.exports.get(published.id()).status()).isEqualTo(ExportStatus.CLOSED);
  }

  @Test
  void aFailedAttemptIsRetriedWithBackoffUnderTheSameFileName() {
    Export published = publishDailyAtSix();
    node.source.failNextOpens(2);

    tickAt(SIX);
    Export waiting = node.exports.get(published.id());
    int beforeTheBackoff = tickAt(SIX.plus(Duration.ofMinutes(9)));
    int secondAttempt = tickAt(SIX.plus(Duration.ofMinutes(10)));
    int beforeTheDoubledBackoff = tickAt(SIX.plus(Duration.ofMinutes(29)));
    int thirdAttempt = tickAt(SIX.plus(Duration.ofMinutes(30)));

    Export after = node.exports.get(published.id());
    assertThat(waiting.status()).isEqualTo(ExportStatus.IN_PROGRESS);
    assertThat(waiting.lease().owner()).isNull();
    assertThat(List.of(beforeTheBackoff, secondAttempt, beforeTheDoubledBackoff, thirdAttempt))
        .containsExactly(0, 1, 0, 1);
    assertThat(after.status()).isEqualTo(ExportStatus.SCHEDULED);
    assertThat(after.nextFireAt()).isEqualTo(SIX.plus(Duration.ofDays(1)));
    assertThat(after.lastRun().succeeded()).isTrue();
    assertThat(after.lastRun().details()).containsEntry(ExportRun.ATTEMPT, "3");
    assertThat(node.exports.runs(published.id())).containsExactly(after.lastRun());
    assertThat(cluster.transport.deliveries()).extracting(InMemoryTransport.Delivery::fileName)
        .containsExactly(fileName("daily", SIX));
  }

  @Test
  void aRecurringExportWhoseAttemptsAllFailStaysScheduledForItsNextOccurrence() {
    Export published = publishDailyAtSix();
    node.source.failNextOpens(3);

    tickEveryMinuteUntil(SIX.plus(Duration.ofHours(1)));

    Export after = node.exports.get(published.id());
    assertThat(after.status()).isEqualTo(ExportStatus.SCHEDULED);
    assertThat(after.nextFireAt()).isEqualTo(SIX.plus(Duration.ofDays(1)));
    assertThat(after.lastRun().outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(after.lastRun().error()).contains("database unavailable");
    assertThat(after.lastRun().details()).containsEntry(ExportRun.ATTEMPT, "3");
    assertThat(cluster.transport.deliveries()).isEmpty();
  }

  @Test
  void aOneShotExportWhoseAttemptsAllFailIsClosedWithTheFailedRun() {
    Instant at = START.plus(Duration.ofHours(1));
    Export published = node.publish(export("planned", Trigger.planned(LocalDateTime.ofInstant(at, ZoneOffset.UTC),
        ZoneOffset.UTC)).build());
    ExportScheduler noRetry = node.schedulerBuilder().retry(1, Duration.ofMinutes(1)).build();
    node.source.failNextOpens(1);
    cluster.clock.set(at);

    noRetry.tick();

    Export after = node.exports.get(published.id());
    assertThat(after.status()).isEqualTo(ExportStatus.CLOSED);
    assertThat(after.lastRun().outcome()).isEqualTo(RunOutcome.FAILED);
  }

  @Test
  void aSchedulerHasNoMoreRunsGoingThanItsSlots() {
    ExportScheduler twoSlots = node.schedulerBuilder().maxConcurrentRuns(2).executor(queued::add).build();
    for (int i = 0; i < 5; i++) {
      node.publish(export("daily-" + i, Trigger.daily(LocalTime.of(6, 0), ZoneOffset.UTC)).build());
    }
    cluster.clock.set(SIX);

    int first = twoSlots.tick();
    int whileFull = twoSlots.tick();
    queued.remove(0).run();
    int onceOneEnded = twoSlots.tick();

    assertThat(List.of(first, whileFull, onceOneEnded)).containsExactly(2, 0, 1);
    assertThat(cluster.transport.deliveries()).hasSize(1);
  }

  @Test
  void aSchedulerRenewsTheLeasesOfItsLongRuns() {
    ExportScheduler slow = node.schedulerBuilder().executor(queued::add).build();
    ExportScheduler other = cluster.node("node-2").scheduler();
    Export published = publishDailyAtSix();
    tickAt(slow, SIX);

    for (int minute = 1; minute <= 30; minute++) {
      cluster.clock.set(SIX.plus(Duration.ofMinutes(minute)));
      slow.tick();
      other.tick();
    }
    Export stillLeased = node.exports.get(published.id());
    queued.remove(0).run();

    assertThat(stillLeased.lease().owner()).isEqualTo("node-1");
    assertThat(stillLeased.lease().expiresAt()).isAfter(cluster.clock.instant());
    assertThat(node.exports.get(published.id()).lastRun().details()).doesNotContainKey(ExportRun.ATTEMPT);
    assertThat(cluster.transport.deliveries()).hasSize(1);
  }

  @Test
  void aSchedulerThatStalledPastItsLeaseDoesNotRecordOverTheSchedulerThatTookOver() {
    ExportScheduler stalled = node.schedulerBuilder().executor(queued::add).build();
    ExportScheduler other = cluster.node("node-2").scheduler();
    Export published = publishDailyAtSix();
    tickAt(stalled, SIX);

    int takenOver = tickAt(other, SIX.plus(SchedulingFixture.LEASE));
    ExportRun recovered = node.exports.get(published.id()).lastRun();
    queued.remove(0).run();

    Export after = node.exports.get(published.id());
    assertThat(takenOver).isOne();
    assertThat(after.lastRun()).isEqualTo(recovered);
    assertThat(after.status()).isEqualTo(ExportStatus.SCHEDULED);
    assertThat(cluster.transport.files()).containsOnlyKeys("out/" + fileName("daily", SIX));
  }

  @Test
  void aStoppedSchedulerClaimsNothing() {
    publishDailyAtSix();

    scheduler.stop();
    int claimed = tickAt(SIX);

    assertThat(claimed).isZero();
  }

  @Test
  void startedSchedulerFiresOnItsOwnThreadAndStopsWhenAsked() throws Exception {
    SchedulingFixture.Node host = cluster.node("node-2");
    ExportScheduler started = ExportScheduler.builder(host.exports).owner("node-2").clock(cluster.clock)
        .pollInterval(Duration.ofMillis(5)).lease(Duration.ofSeconds(30)).build();
    host.publish(export("daily", Trigger.daily(LocalTime.of(6, 0), ZoneOffset.UTC)).build());
    cluster.clock.set(SIX);

    started.start();
    boolean fired = awaitDelivery();
    started.stop();
    Throwable restart = catchThrowable(started::start);

    assertThat(fired).isTrue();
    assertThat(restart).isInstanceOf(IllegalStateException.class).hasMessageContaining("stopped already");
  }

  @Test
  void stopStopsTheRunsGoingOnEachRecordedFailedAndTheExportMovesOn() throws Exception {
    CountDownLatch streaming = new CountDownLatch(100);
    node.source.streamEndlessly(streaming);
    ExportScheduler threaded = node.schedulerBuilder().executor(task -> new Thread(task).start()).build();
    Export published = publishDailyAtSix();
    cluster.clock.set(SIX);
    threaded.tick();
    assertThat(streaming.await(10, TimeUnit.SECONDS)).as("the run is streaming").isTrue();

    assertTimeoutPreemptively(Duration.ofSeconds(20), threaded::stop);

    Export after = node.exports.get(published.id());
    ExportRun run = after.lastRun();
    assertThat(run.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(run.error()).contains("stopped after").contains("scheduler 'node-1' stopped");
    assertThat(run.details()).containsEntry(ExportRun.STOPPED, "scheduler 'node-1' stopped");
    assertThat(after.status()).isEqualTo(ExportStatus.SCHEDULED);
    assertThat(after.lease()).isNull();
    assertThat(after.nextFireAt()).isEqualTo(SIX.plus(Duration.ofDays(1)));
    assertThat(cluster.transport.deliveries()).isEmpty();
    assertThat(cluster.transport.pending()).as("uploads left open").isZero();
  }

  @Test
  void stopAlsoStopsARunThatStartsAfterItWasAskedAndWaitsForItToEnd() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ExportScheduler holding = node.schedulerBuilder().executor(task -> new Thread(() -> {
      await(release);
      task.run();
    }).start()).build();
    node.source.streamEndlessly(new CountDownLatch(1));
    Export published = publishDailyAtSix();
    cluster.clock.set(SIX);
    holding.tick();

    Thread stopping = new Thread(holding::stop);
    stopping.start();
    stopping.join(50);
    boolean returnedBeforeTheRunEnded = !stopping.isAlive();
    release.countDown();
    stopping.join(TimeUnit.SECONDS.toMillis(20));

    assertThat(returnedBeforeTheRunEnded).isFalse();
    assertThat(stopping.isAlive()).isFalse();
    assertThat(node.exports.get(published.id()).lastRun().details()).containsKey(ExportRun.STOPPED);
    assertThat(node.exports.get(published.id()).status()).isEqualTo(ExportStatus.SCHEDULED);
  }

  @Test
  void buildRefusesALeaseThatPollingCannotRenewInTime() {
    Throwable thrown = catchThrowable(() -> node.schedulerBuilder().pollInterval(Duration.ofMinutes(2)).build());

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("lease (PT5M) must last at least 3 poll intervals (PT2M), or leases expire before they are"
            + " renewed; lengthen the lease or poll more often");
  }

  /** A daily export at 06:00 UTC, published: its first occurrence is {@link #SIX}. */
  private Export publishDailyAtSix() {
    return node.publish(export("daily", Trigger.daily(LocalTime.of(6, 0), ZoneOffset.UTC)).build());
  }

  private int tickAt(Instant now) {
    return tickAt(scheduler, now);
  }

  private int tickAt(ExportScheduler which, Instant now) {
    cluster.clock.set(now);
    return which.tick();
  }

  private int tickEveryHourFor(Duration duration) {
    int claimed = 0;
    for (Instant end = cluster.clock.instant().plus(duration); cluster.clock.instant().isBefore(end); ) {
      cluster.clock.advance(Duration.ofHours(1));
      claimed += scheduler.tick();
    }
    return claimed;
  }

  private void tickEveryMinuteUntil(Instant end) {
    while (cluster.clock.instant().isBefore(end)) {
      cluster.clock.advance(Duration.ofMinutes(1));
      scheduler.tick();
    }
  }

  /** Waits, a few milliseconds at a time, for the scheduler's thread to deliver. */
  private boolean awaitDelivery() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (cluster.transport.deliveries().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    return !cluster.transport.deliveries().isEmpty();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Operation withEnd(Operation game, Instant end) {
    return new Operation(game.id(), game.name(), game.kind(), game.start(), end, game.fields());
  }
}
