package io.exportkit.scheduling;

import static io.exportkit.scheduling.SchedulingFixture.LEASE;
import static io.exportkit.scheduling.SchedulingFixture.START;
import static io.exportkit.scheduling.SchedulingFixture.export;
import static io.exportkit.scheduling.SchedulingFixture.fileName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.exportkit.Export;
import io.exportkit.ExportRun;
import io.exportkit.ExportStatus;
import io.exportkit.RunOutcome;
import io.exportkit.Trigger;
import io.exportkit.testing.InMemoryTransport;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MisfireAndRecoveryTest {
  private static final Instant FIRST = Instant.parse("2026-03-02T06:00:00Z");

  private final SchedulingFixture cluster = new SchedulingFixture();
  private final SchedulingFixture.Node doomed = cluster.node("node-1");
  private final SchedulingFixture.Node survivor = cluster.node("node-2");
  private final ExportScheduler doomedScheduler = doomed.scheduler();
  private final ExportScheduler survivorScheduler = survivor.scheduler();

  // ---------------------------------------------------------------- misfires

  @Test
  void occurrencesMissedWhileNoSchedulerRanFireOnceWhenOneStarts() {
    Export daily = survivor.publish(export("daily", Trigger.daily(LocalTime.of(6, 0), ZoneOffset.UTC)).build());
    Instant restart = FIRST.plus(Duration.ofDays(3)).plus(Duration.ofHours(4));

    int claimed = tickAt(survivorScheduler, restart);
    int again = survivorScheduler.tick();

    Export after = survivor.exports.get(daily.id());
    ExportRun run = after.lastRun();
    assertThat(List.of(claimed, again)).containsExactly(1, 0);
    assertThat(cluster.transport.deliveries()).hasSize(1);
    assertThat(run.occurrence()).isEqualTo(FIRST);
    assertThat(run.details()).containsEntry(ExportRun.MISFIRE, "PT76H");
    assertThat(run.fileName()).isEqualTo(fileName("daily", FIRST));
    assertThat(after.nextFireAt()).isEqualTo(FIRST.plus(Duration.ofDays(4)));
  }

  @Test
  void aMissedOneShotExportFiresOnceLateThenCloses() {
    Instant at = START.plus(Duration.ofHours(2));
    Export planned = survivor.publish(export("planned", Trigger.planned(LocalDateTime.ofInstant(at, ZoneOffset.UTC),
        ZoneOffset.UTC)).build());

    tickAt(survivorScheduler, at.plus(Duration.ofDays(1)));

    Export after = survivor.exports.get(planned.id());
    assertThat(after.status()).isEqualTo(ExportStatus.CLOSED);
    assertThat(after.lastRun().details()).containsEntry(ExportRun.MISFIRE, "PT24H");
    assertThat(cluster.transport.deliveries()).hasSize(1);
  }

  @Test
  void anOccurrenceFiredWithinTheThresholdIsNoMisfire() {
    Export daily = survivor.publish(export("daily", Trigger.daily(LocalTime.of(6, 0), ZoneOffset.UTC)).build());

    tickAt(survivorScheduler, FIRST.plus(Duration.ofMinutes(5)));

    assertThat(survivor.exports.get(daily.id()).lastRun().details()).doesNotContainKey(ExportRun.MISFIRE);
  }

  // ---------------------------------------------------------------- crash recovery

  @Test
  void aRunWhoseNodeDiedMidStreamIsRunAgainOnceItsLeaseExpires() {
    Export daily = doomed.publish(export("daily", Trigger.daily(LocalTime.of(6, 0), ZoneOffset.UTC)).build());
    doomed.source.killNodeMidStream();

    Throwable death = catchThrowable(() -> tickAt(doomedScheduler, FIRST));
    Export orphan = survivor.exports.get(daily.id());
    int beforeExpiry = tickAt(survivorScheduler, FIRST.plus(LEASE).minusSeconds(1));
    int atExpiry = tickAt(survivorScheduler, FIRST.plus(LEASE));

    Export after = survivor.exports.get(daily.id());
    assertThat(death).isInstanceOf(NodeKilled.class);
    assertThat(orphan.status()).isEqualTo(ExportStatus.IN_PROGRESS);
    assertThat(orphan.lease().owner()).isEqualTo("node-1");
    assertThat(List.of(beforeExpiry, atExpiry)).containsExactly(0, 1);
    assertThat(after.status()).isEqualTo(ExportStatus.SCHEDULED);
    assertThat(after.nextFireAt()).isEqualTo(FIRST.plus(Duration.ofDays(1)));
    assertThat(after.lastRun().succeeded()).isTrue();
    assertThat(after.lastRun().occurrence()).isEqualTo(FIRST);
    assertThat(after.lastRun().details()).containsEntry(ExportRun.ATTEMPT, "2");
    assertThat(survivor.exports.runs(daily.id())).containsExactly(after.lastRun());
    assertThat(cluster.transport.deliveries()).extracting(InMemoryTransport.Delivery::fileName)
        .containsExactly(fileName("daily", FIRST));
    assertThat(cluster.transport.pending()).isZero();
  }

  @Test
  void aRunWhoseNodeDiedAfterDeliveringIsDeliveredAgainUnderTheSameNameNotAsASecondFile() {
    Export daily = doomed.publish(export("daily", Trigger.daily(LocalTime.of(6, 0), ZoneOffset.UTC)).build());
    doomed.store.crash(ObservedStore.Crash.BEFORE_RECORDING_THE_RUN);

    Throwable death = catchThrowable(() -> tickAt(doomedScheduler, FIRST));
    List<InMemoryTransport.Delivery> beforeRecovery = cluster.transport.deliveries();
    tickAt(survivorScheduler, FIRST.plus(LEASE));

    Export after = survivor.exports.get(daily.id());
    assertThat(death).isInstanceOf(NodeKilled.class);
    assertThat(beforeRecovery).extracting(InMemoryTransport.Delivery::fileName)
        .containsExactly(fileName("daily", FIRST));
    assertThat(cluster.transport.deliveries()).extracting(InMemoryTransport.Delivery::fileName)
        .containsExactly(fileName("daily", FIRST), fileName("daily", FIRST));
    assertThat(cluster.transport.files()).containsOnlyKeys("out/" + fileName("daily", FIRST));
    assertThat(after.lastRun().fileName()).isEqualTo(fileName("daily", FIRST));
    assertThat(after.lastRun().succeeded()).isTrue();
    assertThat(after.status()).isEqualTo(ExportStatus.SCHEDULED);
  }

  @Test
  void aRunWhoseNodeDiedAfterRecordingItIsNotRunAgain() {
    Export daily = doomed.publish(export("daily", Trigger.daily(LocalTime.of(6, 0), ZoneOffset.UTC)).build());
    doomed.store.crash(ObservedStore.Crash.BEFORE_ENDING_THE_OCCURRENCE);

    Throwable death = catchThrowable(() -> tickAt(doomedScheduler, FIRST));
    ExportRun recorded = survivor.exports.runs(daily.id()).get(0);
    int recovered = tickAt(survivorScheduler, FIRST.plus(LEASE));

    Export after = survivor.exports.get(daily.id());
    assertThat(death).isInstanceOf(NodeKilled.class);
    assertThat(recovered).isOne();
    assertThat(after.lastRun()).isEqualTo(recorded);
    assertThat(after.status()).isEqualTo(ExportStatus.SCHEDULED);
    assertThat(after.nextFireAt()).isEqualTo(FIRST.plus(Duration.ofDays(1)));
    assertThat(cluster.transport.deliveries()).hasSize(1);
  }

  @Test
  void anOccurrenceWhoseRunsKeepDyingIsGivenUpAndTheExportMovesOn() {
    SchedulingFixture.Node alsoDoomed = cluster.node("node-3");
    ExportScheduler twoAttempts = alsoDoomed.schedulerBuilder().retry(2, Duration.ofMinutes(10)).build();
    ExportScheduler lastOne = survivor.schedulerBuilder().retry(2, Duration.ofMinutes(10)).build();
    Export daily = doomed.publish(export("daily", Trigger.daily(LocalTime.of(6, 0), ZoneOffset.UTC)).build());
    doomed.source.killNodeMidStream();
    alsoDoomed.source.killNodeMidStream();

    catchThrowable(() -> tickAt(doomedScheduler, FIRST));
    catchThrowable(() -> tickAt(twoAttempts, FIRST.plus(LEASE)));
    int claimed = tickAt(lastOne, FIRST.plus(LEASE.multipliedBy(2)));

    Export after = survivor.exports.get(daily.id());
    assertThat(claimed).isZero();
    assertThat(after.status()).isEqualTo(ExportStatus.SCHEDULED);
    assertThat(after.nextFireAt()).isEqualTo(FIRST.plus(Duration.ofDays(1)));
    assertThat(after.lastRun().outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(after.lastRun().error()).contains("gave up the occurrence at " + FIRST + " after 2 of 2 attempts",
        "scheduler 'node-3' stopped during attempt 2");
    assertThat(cluster.transport.deliveries()).isEmpty();
  }

  private int tickAt(ExportScheduler scheduler, Instant now) {
    cluster.clock.set(now);
    return scheduler.tick();
  }
}
