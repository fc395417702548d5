package io.exportkit.scheduling;

import static io.exportkit.scheduling.SchedulingFixture.START;
import static io.exportkit.scheduling.SchedulingFixture.export;
import static io.exportkit.scheduling.SchedulingFixture.fileName;
import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.Export;
import io.exportkit.ExportCategory;
import io.exportkit.ExportRun;
import io.exportkit.ExportStatus;
import io.exportkit.PageRequest;
import io.exportkit.Trigger;
import io.exportkit.scheduling.trigger.TriggerPreview;
import io.exportkit.spi.TriggerContext;
import io.exportkit.testing.InMemoryTransport;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Acceptance: four schedulers share one store through a simulated month (it holds the spring
 * daylight-saving changes of Europe and North America) of daily and weekly exports. Each minute of
 * virtual time, the schedulers that are not paused tick at once, on four threads; each pauses now
 * and then for up to three hours, and one is killed in the middle of a run. Every occurrence must
 * deliver exactly one file.
 */
class SchedulerClusterTest {
  private static final Instant END = START.plus(Duration.ofDays(31));
  private static final Instant LAST_PAUSE = END.minus(Duration.ofHours(4));
  private static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Paris"), ZoneId.of("America/New_York"),
      ZoneId.of("Australia/Lord_Howe"), ZoneId.of("UTC"));
  private static final int NODES = 4;
  private static final int VICTIM = 3;

  private final Random random = new Random(20260302);
  private final SchedulingFixture cluster = new SchedulingFixture();
  private final List<SchedulingFixture.Node> nodes = new ArrayList<>();
  private final List<ExportScheduler> schedulers = new ArrayList<>();
  private final Instant[] pausedUntil = new Instant[NODES];
  private final int[] claims = new int[NODES];
  private boolean victimDead;

  @Test
  void everyOccurrenceOfAMonthFiresExactlyOnceAcrossFourPausingSchedulersOneOfWhichDies() throws Exception {
    for (int n = 0; n < NODES; n++) {
      nodes.add(cluster.node("node-" + n));
      schedulers.add(nodes.get(n).scheduler());
    }
    Map<String, Trigger> triggers = publishExports(30, 10);
    Instant killAt = START.plus(Duration.ofDays(5 + random.nextInt(10))).plus(Duration.ofMinutes(random.nextInt(1440)));

    simulate(killAt);

    List<String> expected = new ArrayList<>();
    triggers.forEach((name, trigger) -> TriggerPreview.next(trigger, new TriggerContext(START, START, null, null), 100)
        .stream().filter(occurrence -> !occurrence.isAfter(END)).forEach(occurrence -> expected.add(fileName(name, occurrence))));
    List<Export> exports = cluster.store.list(ExportCategory.ALL, PageRequest.first(PageRequest.MAX_SIZE)).items();
    List<ExportRun> runs = exports.stream().flatMap(e -> cluster.store.runs(e.id()).stream()).toList();
    assertThat(victimDead).as("the victim died mid-run").isTrue();
    assertThat(claims).as("claims by node").doesNotContain(0);
    assertThat(expected).hasSizeGreaterThan(900);
    assertThat(cluster.transport.deliveries()).extracting(InMemoryTransport.Delivery::fileName)
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(cluster.transport.files()).hasSameSizeAs(expected);
    assertThat(exports).hasSize(triggers.size()).allSatisfy(e -> assertThat(e.status()).isEqualTo(ExportStatus.SCHEDULED));
    assertThat(runs).hasSameSizeAs(expected).allSatisfy(run -> assertThat(run.succeeded()).isTrue());
    assertThat(runs).filteredOn(run -> run.details().containsKey(ExportRun.ATTEMPT)).as("re-run after the crash")
        .isNotEmpty();
  }

  /** Publishes daily and weekly exports at random local times and zones, each through a random node. */
  private Map<String, Trigger> publishExports(int daily, int weekly) {
    Map<String, Trigger> triggers = new LinkedHashMap<>();
    for (int i = 0; i < daily + weekly; i++) {
      LocalTime time = LocalTime.of(random.nextInt(24), random.nextInt(60));
      ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
      Trigger trigger = i < daily ? Trigger.daily(time, zone)
          : Trigger.weekly(DayOfWeek.of(1 + random.nextInt(7)), time, zone);
      String name = trigger.kind().id() + "-" + i;
      nodes.get(random.nextInt(NODES)).publish(export(name, trigger).build());
      triggers.put(name, trigger);
    }
    return triggers;
  }

  /** Ticks every live, unpaused scheduler once a minute, concurrently, from START to END. */
  private void simulate(Instant killAt) throws InterruptedException {
    ExecutorService threads = Executors.newFixedThreadPool(NODES);
    try {
      for (Instant now = START; !now.isAfter(END); now = now.plus(Duration.ofMinutes(1))) {
        cluster.clock.set(now);
        if (now.equals(killAt)) {
          nodes.get(VICTIM).source.killNodeMidStream();
        }
        List<Integer> ticking = new ArrayList<>();
        List<Callable<Integer>> ticks = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
          if (!(n == VICTIM && victimDead) && awake(n, now)) {
            ticking.add(n);
            ticks.add(schedulers.get(n)::tick);
          }
        }
        List<Future<Integer>> claimed = threads.invokeAll(ticks);
        for (int i = 0; i < ticking.size(); i++) {
          claims[ticking.get(i)] += outcome(claimed.get(i));
        }
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /** Whether node {@code n} ticks now; before the last hours, it starts a pause of up to three hours now and then. */
  private boolean awake(int n, Instant now) {
    if (pausedUntil[n] != null && now.isBefore(pausedUntil[n])) {
      return false;
    }
    if (now.isBefore(LAST_PAUSE) && random.nextInt(500) == 0) {
      pausedUntil[n] = now.plus(Duration.ofMinutes(1 + random.nextInt(180)));
      return false;
    }
    return true;
  }

  private int outcome(Future<Integer> tick) throws InterruptedException {
    try {
      return tick.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof NodeKilled) {
        victimDead = true;
        return 1;
      }
      throw new AssertionError("a tick failed", e.getCause());
    }
  }
}
