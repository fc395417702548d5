package io.exportkit;

import static io.exportkit.ServiceFixture.custom;
import static io.exportkit.ServiceFixture.planned;
import static io.exportkit.ServiceFixture.rapid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Threads race every action on a handful of exports. Whatever interleaving happens, each export
 * must end in a status at rest, with one version per change that succeeded, and no change lost.
 */
class ExportConcurrencyTest {
  private static final int THREADS = 8;
  private static final int ATTEMPTS_PER_THREAD = 1_250;

  private enum Action { PUBLISH, UPDATE, DUPLICATE, FAVORITE, DISABLE, RUN_NOW }

  private final ServiceFixture fx = new ServiceFixture();
  private final ExportService exports = fx.builder().store(ExportStore.inMemory()).build();

  /** Per export id: versions its successful actions added. */
  private final Map<String, AtomicLong> versionsAdded = new ConcurrentHashMap<>();
  /** Per export id: the name each successful update wrote, by the version it produced. */
  private final Map<String, NavigableMap<Long, String>> namesByVersion = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> favoriteToggles = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> runs = new ConcurrentHashMap<>();
  private final Set<String> copies = ConcurrentHashMap.newKeySet();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong names = new AtomicLong();
  private final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();

  @Test
  void racingActionsLoseNothingAndLeaveEveryExportInALegalStatus() throws Exception {
    List<Export> originals = List.of(
        exports.create(custom("custom-planned-a").trigger(planned()).build()),
        exports.create(custom("custom-planned-b").trigger(planned()).build()),
        exports.create(custom("custom-immediate").build()),
        exports.create(rapid("rapid-immediate").build()));
    originals.forEach(export -> {
      versionsAdded.put(export.id(), new AtomicLong());
      namesByVersion.put(export.id(), new ConcurrentSkipListMap<>());
      favoriteToggles.put(export.id(), new AtomicLong());
      runs.put(export.id(), new AtomicLong());
    });
    List<String> ids = originals.stream().map(Export::id).toList();

    race(ids);

    assertThat(unexpected).isEmpty();
    for (Export original : originals) {
      String id = original.id();
      Export export = exports.get(id);
      assertThat(export.status()).as(export.name()).isIn(ExportStatus.DRAFT, ExportStatus.SCHEDULED, ExportStatus.CLOSED);
      assertThat(export.version()).as(export.name()).isEqualTo(1 + versionsAdded.get(id).get());
      NavigableMap<Long, String> updates = namesByVersion.get(id);
      assertThat(export.name()).isEqualTo(updates.isEmpty() ? original.name() : updates.lastEntry().getValue());
      assertThat(export.favorite()).as(export.name()).isEqualTo(favoriteToggles.get(id).get() % 2 == 1);
      assertThat(exports.runs(id)).as(export.name()).hasSize(runs.get(id).intValue()).allMatch(ExportRun::succeeded);
    }
    assertThat(copies).hasSize(duplicates.intValue());
    assertThat(copies).allSatisfy(copyId -> {
      Export copy = exports.get(copyId);
      assertThat(copy.status()).isEqualTo(ExportStatus.DRAFT);
      assertThat(copy.version()).isEqualTo(1);
      assertThat(copy.name()).endsWith(" (copy)");
    });
    assertThat(fx.transport.deliveries()).hasSize(runs.values().stream().mapToInt(AtomicLong::intValue).sum());
    assertThat(versionsAdded.values().stream().mapToLong(AtomicLong::get).sum()).as("changes made").isPositive();
  }

  private void race(List<String> ids) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Callable<Void>> racers = IntStream.range(0, THREADS).<Callable<Void>>mapToObj(n -> () -> {
        start.await();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
          attempt(Action.values()[random.nextInt(Action.values().length)], ids.get(random.nextInt(ids.size())));
        }
        return null;
      }).toList();
      List<Future<Void>> done = racers.stream().map(pool::submit).toList();
      start.countDown();
      for (Future<Void> racer : done) {
        racer.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void attempt(Action action, String id) {
    try {
      switch (action) {
        case PUBLISH -> {
          Export published = exports.publish(id);
          // An immediate export passes through In progress before it closes.
          boolean ran = published.status() == ExportStatus.CLOSED;
          versionsAdded.get(id).addAndGet(ran ? 2 : 1);
          if (ran) {
            runs.get(id).incrementAndGet();
          }
        }
        case UPDATE -> {
          Export current = exports.get(id);
          String name = "renamed-" + names.incrementAndGet();
          Export updated = exports.update(id, current.version(), current.definition().toBuilder().name(name).build());
          versionsAdded.get(id).incrementAndGet();
          namesByVersion.get(id).put(updated.version(), name);
        }
        case DUPLICATE -> {
          copies.add(exports.duplicate(id).id());
          duplicates.incrementAndGet();
        }
        case FAVORITE -> {
          // favorite() writes nothing when the flag already has the value asked for. Toggles of
          // one export are serialised so that each is a real change; they still race the rest.
          synchronized (favoriteToggles.get(id)) {
            exports.favorite(id, !exports.get(id).favorite());
            versionsAdded.get(id).incrementAndGet();
            favoriteToggles.get(id).incrementAndGet();
          }
        }
        case DISABLE -> {
          exports.disable(id);
          versionsAdded.get(id).incrementAndGet();
        }
        case RUN_NOW -> {
          exports.runNow(id);
          versionsAdded.get(id).addAndGet(2);
          runs.get(id).incrementAndGet();
        }
      }
    } catch (IllegalStateTransitionException | ExportConflictException refused) {
      // The point of the race: the export was in another status, or another change came first.
    } catch (RuntimeException e) {
      unexpected.add(e);
    }
  }
}
