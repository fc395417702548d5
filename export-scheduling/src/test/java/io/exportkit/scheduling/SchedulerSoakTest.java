package io.exportkit.scheduling;

import static io.exportkit.scheduling.SchedulingFixture.START;
import static io.exportkit.scheduling.SchedulingFixture.export;
import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.Trigger;
import io.exportkit.scheduling.trigger.TriggerPreview;
import io.exportkit.spi.TriggerContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Acceptance: with 10 000 scheduled exports, a scheduler ticking every minute of two simulated days
 * reads only the due exports: each tick makes one query of the due exports, which returns exactly
 * those it then fires, and a fixed number of store calls per export fired; a tick with nothing due
 * makes that one query and nothing else. Measured on the store's calls, not on time.
 */
class SchedulerSoakTest {
  private static final int EXPORTS = 10_000;
  private static final Instant END = START.plus(Duration.ofDays(2));
  private static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Paris"), ZoneId.of("America/New_York"),
      ZoneId.of("Australia/Lord_Howe"), ZoneId.of("UTC"));
  /** Store calls to claim (find, compare-and-set) and fire (find the run, save it running, find, save it ended, compare-and-set). */
  private static final int CALLS_PER_FIRE = 7;

  /** What one tick cost. */
  private record Tick(long dueQueries, long dueRows, long otherCalls, int fired) {
  }

  private final SchedulingFixture cluster = new SchedulingFixture();
  private final SchedulingFixture.Node node = cluster.node("node-1");

  @Test
  void eachTickReadsOnlyTheDueExportsAndDoesAFixedWorkForEach() {
    Random random = new Random(7);
    int expectedFires = 0;
    for (int i = 0; i < EXPORTS; i++) {
      Trigger daily = Trigger.daily(LocalTime.of(random.nextInt(24), random.nextInt(60)), ZONES.get(i % ZONES.size()));
      node.publish(export("soak-" + i, daily).build());
      expectedFires += (int) TriggerPreview.next(daily, new TriggerContext(START, START, null, null), 3).stream()
          .filter(fire -> !fire.isAfter(END)).count();
    }
    ExportScheduler scheduler = node.schedulerBuilder().build();

    List<Tick> ticks = new ArrayList<>();
    for (Instant now = START; !now.isAfter(END); now = now.plus(Duration.ofMinutes(1))) {
      cluster.clock.set(now);
      ticks.add(measure(scheduler));
    }

    assertThat(ticks.stream().mapToInt(Tick::fired).sum()).isEqualTo(expectedFires);
    assertThat(ticks).allSatisfy(tick -> {
      assertThat(tick.dueQueries()).isOne();
      assertThat(tick.dueRows()).isEqualTo(tick.fired());
      assertThat(tick.otherCalls()).isEqualTo((long) CALLS_PER_FIRE * tick.fired());
    });
    assertThat(ticks.stream().mapToLong(Tick::dueRows).max().orElseThrow()).isLessThan(EXPORTS / 100);
    assertThat(node.store.calls()).doesNotContainKeys("list", "runs");
  }

  private Tick measure(ExportScheduler scheduler) {
    Map<String, Long> before = node.store.calls();
    long rowsBefore = node.store.dueRows();

    int fired = scheduler.tick();

    Map<String, Long> after = node.store.calls();
    long dueQueries = after.getOrDefault("due", 0L) - before.getOrDefault("due", 0L);
    long allCalls = after.values().stream().mapToLong(Long::longValue).sum()
        - before.values().stream().mapToLong(Long::longValue).sum();
    return new Tick(dueQueries, node.store.dueRows() - rowsBefore, allCalls - dueQueries, fired);
  }
}
