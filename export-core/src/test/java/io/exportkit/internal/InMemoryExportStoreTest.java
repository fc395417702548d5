package io.exportkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.exportkit.Destination;
import io.exportkit.Export;
import io.exportkit.ExportCategory;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportRun;
import io.exportkit.ExportStatus;
import io.exportkit.ExportType;
import io.exportkit.Page;
import io.exportkit.PageRequest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryExportStoreTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final ExportDefinition DEFINITION = ExportDefinition.builder()
      .name("weekly").type(ExportType.RAPID).operation("summer-quiz").destination(Destination.of("file:exports")).build();

  private final InMemoryExportStore store = new InMemoryExportStore();

  // ---------------------------------------------------------------- insert and find

  @Test
  void insertedExportIsFound() {
    Export export = export("e1", 1, T0);

    store.insert(export);

    assertThat(store.find("e1")).contains(export);
    assertThat(store.find("e2")).isEmpty();
  }

  @Test
  void insertingADuplicateIdIsRefusedAndKeepsTheFirst() {
    Export first = export("e1", 1, T0);
    store.insert(first);

    Throwable thrown = catchThrowable(() -> store.insert(export("e1", 1, T0.plusSeconds(5))));

    assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("an export with id 'e1' exists");
    assertThat(store.find("e1")).contains(first);
  }

  // ---------------------------------------------------------------- compare-and-set

  @Test
  void compareAndSetStoresTheReplacementWhenTheVersionMatches() {
    Export v1 = export("e1", 1, T0);
    store.insert(v1);
    Export v2 = next(v1, ExportStatus.SCHEDULED);

    boolean swapped = store.compareAndSet(v1, v2);

    assertThat(swapped).isTrue();
    assertThat(store.find("e1")).contains(v2);
  }

  @Test
  void compareAndSetFailsOnAStaleVersionAndKeepsTheStoredOne() {
    Export v1 = export("e1", 1, T0);
    store.insert(v1);
    Export v2 = next(v1, ExportStatus.SCHEDULED);
    store.compareAndSet(v1, v2);
    Export staleV2 = next(v1, ExportStatus.IN_PROGRESS);

    boolean swapped = store.compareAndSet(v1, staleV2);

    assertThat(swapped).isFalse();
    assertThat(store.find("e1")).contains(v2);
  }

  @Test
  void compareAndSetOfAMissingExportFails() {
    Export v1 = export("e1", 1, T0);

    boolean swapped = store.compareAndSet(v1, next(v1, ExportStatus.SCHEDULED));

    assertThat(swapped).isFalse();
    assertThat(store.find("e1")).isEmpty();
  }

  @Test
  void compareAndSetRejectsAReplacementThatIsNotOneVersionHigher() {
    Export v1 = export("e1", 1, T0);
    store.insert(v1);
    Export v3 = withVersion(v1, 3);
    Export sameVersion = withVersion(v1, 1);

    Throwable skipping = catchThrowable(() -> store.compareAndSet(v1, v3));
    Throwable notIncreasing = catchThrowable(() -> store.compareAndSet(v1, sameVersion));

    assertThat(skipping).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a replacement keeps the id and is one version higher");
    assertThat(notIncreasing).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.find("e1")).contains(v1);
  }

  @Test
  void compareAndSetRejectsAReplacementWithAnotherId() {
    Export v1 = export("e1", 1, T0);
    store.insert(v1);
    Export other = export("e2", 2, T0);

    Throwable thrown = catchThrowable(() -> store.compareAndSet(v1, other));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.find("e1")).contains(v1);
    assertThat(store.find("e2")).isEmpty();
  }

  @Test
  void concurrentCompareAndSetHasExactlyOneWinnerPerVersion() throws Exception {
    int threads = 8;
    int versions = 50;
    store.insert(export("e1", 1, T0));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Integer> winnersPerVersion = new ArrayList<>();
    List<Boolean> storedIsTheWinner = new ArrayList<>();

    try {
      for (int round = 0; round < versions; round++) {
        Export expected = store.find("e1").orElseThrow();
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Export> replacements = new ArrayList<>();
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          Export replacement = next(expected, t % 2 == 0 ? ExportStatus.SCHEDULED : ExportStatus.DRAFT, t);
          replacements.add(replacement);
          attempts.add(() -> {
            start.await(10, TimeUnit.SECONDS);
            return store.compareAndSet(expected, replacement);
          });
        }
        List<Future<Boolean>> results = pool.invokeAll(attempts);
        List<Export> winners = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          if (results.get(t).get()) {
            winners.add(replacements.get(t));
          }
        }
        winnersPerVersion.add(winners.size());
        storedIsTheWinner.add(winners.size() == 1 && store.find("e1").orElseThrow() == winners.get(0));
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(winnersPerVersion).hasSize(versions).containsOnly(1);
    assertThat(storedIsTheWinner).containsOnly(true);
    assertThat(store.find("e1").orElseThrow().version()).isEqualTo(1L + versions);
  }

  // ---------------------------------------------------------------- delete

  @Test
  void deleteWithTheCurrentVersionRemovesTheExportAndItsRuns() {
    Export v1 = export("e1", 1, T0);
    store.insert(v1);
    store.saveRun(run("r1", "e1", 1, T0));

    boolean removed = store.delete("e1", 1);

    assertThat(removed).isTrue();
    assertThat(store.find("e1")).isEmpty();
    assertThat(store.runs("e1")).isEmpty();
    assertThat(store.findRun("r1")).isEmpty();
  }

  @Test
  void deleteWithAStaleVersionKeepsTheExport() {
    Export v1 = export("e1", 1, T0);
    store.insert(v1);
    Export v2 = next(v1, ExportStatus.SCHEDULED);
    store.compareAndSet(v1, v2);

    boolean removed = store.delete("e1", 1);

    assertThat(removed).isFalse();
    assertThat(store.find("e1")).contains(v2);
  }

  @Test
  void deleteOfAMissingExportReturnsFalse() {
    boolean removed = store.delete("nope", 1);

    assertThat(removed).isFalse();
  }

  @Test
  void deleteKeepsTheRunsOfOtherExports() {
    store.insert(export("e1", 1, T0));
    store.insert(export("e2", 1, T0));
    store.saveRun(run("r2", "e2", 1, T0));

    store.delete("e1", 1);

    assertThat(store.runs("e2")).extracting(ExportRun::id).containsExactly("r2");
  }

  // ---------------------------------------------------------------- listing

  @Test
  void listIsNewestFirstWithIdsBreakingTiesAndPagesAreStable() {
    store.insert(export("a", 1, T0));
    store.insert(export("b", 1, T0.plusSeconds(10)));
    store.insert(export("c", 1, T0.plusSeconds(10)));
    store.insert(export("d", 1, T0.plusSeconds(5)));
    store.insert(export("e", 1, T0.plusSeconds(10)));

    Page<Export> first = store.list(ExportCategory.ALL, PageRequest.of(0, 2));
    Page<Export> second = store.list(ExportCategory.ALL, PageRequest.of(1, 2));
    Page<Export> third = store.list(ExportCategory.ALL, PageRequest.of(2, 2));

    assertThat(first.items()).extracting(Export::id).containsExactly("e", "c");
    assertThat(second.items()).extracting(Export::id).containsExactly("b", "d");
    assertThat(third.items()).extracting(Export::id).containsExactly("a");
    assertThat(first.total()).isEqualTo(5);
    assertThat(first.hasNext()).isTrue();
    assertThat(third.hasNext()).isFalse();
  }

  @Test
  void listingTheSamePageTwiceGivesTheSameOrder() {
    for (int i = 0; i < 20; i++) {
      store.insert(export("e" + i, 1, T0));
    }

    Page<Export> once = store.list(ExportCategory.ALL, PageRequest.of(1, 7));
    Page<Export> again = store.list(ExportCategory.ALL, PageRequest.of(1, 7));

    assertThat(again.items()).extracting(Export::id).containsExactlyElementsOf(once.items().stream().map(Export::id).toList());
  }

  @Test
  void listFiltersByCategory() {
    store.insert(export("draft", 1, T0, ExportStatus.DRAFT, false));
    store.insert(export("scheduled", 1, T0.plusSeconds(1), ExportStatus.SCHEDULED, true));
    store.insert(export("running", 1, T0.plusSeconds(2), ExportStatus.IN_PROGRESS, false));
    store.insert(export("closed", 1, T0.plusSeconds(3), ExportStatus.CLOSED, true));

    List<String> drafts = ids(ExportCategory.DRAFT);
    List<String> scheduled = ids(ExportCategory.SCHEDULED);
    List<String> inProgress = ids(ExportCategory.IN_PROGRESS);
    List<String> closed = ids(ExportCategory.CLOSED);
    List<String> favorites = ids(ExportCategory.FAVORITES);
    List<String> all = ids(ExportCategory.ALL);

    assertThat(drafts).containsExactly("draft");
    assertThat(scheduled).containsExactly("scheduled");
    assertThat(inProgress).containsExactly("running");
    assertThat(closed).containsExactly("closed");
    assertThat(favorites).containsExactly("closed", "scheduled");
    assertThat(all).containsExactly("closed", "running", "scheduled", "draft");
  }

  @Test
  void pageBeyondTheEndIsEmptyButKnowsTheTotal() {
    store.insert(export("a", 1, T0));

    Page<Export> page = store.list(ExportCategory.ALL, PageRequest.of(5, 10));

    assertThat(page.items()).isEmpty();
    assertThat(page.total()).isEqualTo(1);
    assertThat(page.hasNext()).isFalse();
  }

  // ---------------------------------------------------------------- due exports

  @Test
  void dueListsScheduledAndLeaseExpiredExportsEarliestFirst() {
    store.insert(scheduled("later", T0.plusSeconds(30)));
    store.insert(scheduled("first", T0.plusSeconds(10)));
    store.insert(leased("retrying", T0.plusSeconds(20)));
    store.insert(scheduled("future", T0.plusSeconds(90)));
    store.insert(export("draft", 1, T0));

    List<Export> due = store.due(T0.plusSeconds(30), 10);

    assertThat(due).extracting(Export::id).containsExactly("first", "retrying", "later");
  }

  @Test
  void dueStopsAtTheLimit() {
    for (int i = 0; i < 5; i++) {
      store.insert(scheduled("e" + i, T0.plusSeconds(i)));
    }

    List<Export> due = store.due(T0.plusSeconds(60), 2);

    assertThat(due).extracting(Export::id).containsExactly("e0", "e1");
  }

  @Test
  void dueFollowsEveryChangeOfTheExport() {
    Export v1 = scheduled("e1", T0.plusSeconds(10));
    store.insert(v1);
    Export claimed = new Export("e1", 2, 1, ExportStatus.IN_PROGRESS, false, DEFINITION, T0, T0, T0, T0.plusSeconds(10),
        new Export.Lease(T0.plusSeconds(10), 1, "node-1", T0.plusSeconds(300)), null);
    Export closed = new Export("e1", 3, 1, ExportStatus.CLOSED, false, DEFINITION, T0, T0, T0, null, null, null);

    List<Export> dueWhenScheduled = store.due(T0.plusSeconds(10), 10);
    store.compareAndSet(v1, claimed);
    List<Export> dueWhileLeased = store.due(T0.plusSeconds(299), 10);
    List<Export> dueOnceTheLeaseExpired = store.due(T0.plusSeconds(300), 10);
    store.compareAndSet(claimed, closed);
    List<Export> dueWhenClosed = store.due(T0.plusSeconds(9999), 10);

    assertThat(dueWhenScheduled).containsExactly(v1);
    assertThat(dueWhileLeased).isEmpty();
    assertThat(dueOnceTheLeaseExpired).containsExactly(claimed);
    assertThat(dueWhenClosed).isEmpty();
  }

  @Test
  void aDeletedExportIsNoLongerDue() {
    store.insert(scheduled("e1", T0));

    store.delete("e1", 1);

    assertThat(store.due(T0, 10)).isEmpty();
  }

  @Test
  void concurrentChangesLeaveTheDueIndexAsTheExportsSay() throws Exception {
    int exports = 20;
    for (int i = 0; i < exports; i++) {
      store.insert(scheduled("e" + i, T0));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Callable<Void>> writers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int writer = w;
      writers.add(() -> {
        for (int round = 0; round < 200; round++) {
          Export current = store.find("e" + (round % exports)).orElseThrow();
          store.compareAndSet(current, rescheduled(current, T0.plusSeconds(writer * 1000L + round)));
        }
        return null;
      });
    }

    try {
      for (Future<Void> done : pool.invokeAll(writers)) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }

    List<Export> due = store.due(T0.plusSeconds(1_000_000), 100);
    assertThat(due).hasSize(exports).doesNotHaveDuplicates();
    assertThat(due).extracting(Export::nextFireAt).isSorted();
    assertThat(due).allSatisfy(e -> assertThat(store.find(e.id())).contains(e));
  }

  // ---------------------------------------------------------------- runs

  @Test
  void runsAreNewestFirstWithTheSequenceBreakingTies() {
    store.saveRun(run("r1", "e1", 1, T0));
    store.saveRun(run("r3", "e1", 3, T0.plusSeconds(60)));
    store.saveRun(run("r2", "e1", 2, T0.plusSeconds(60)));
    store.saveRun(run("other", "e2", 1, T0.plusSeconds(120)));

    List<ExportRun> runs = store.runs("e1");

    assertThat(runs).extracting(ExportRun::id).containsExactly("r3", "r2", "r1");
  }

  @Test
  void savingARunWithTheSameIdReplacesIt() {
    ExportRun running = run("r1", "e1", 1, T0);
    store.saveRun(running);
    ExportRun ended = running.succeeded(T0.plusSeconds(3), 10, 100, "ab", "weekly.csv",
        URI.create("file:/x/weekly.csv"), Map.of());

    store.saveRun(ended);

    assertThat(store.runs("e1")).containsExactly(ended);
    assertThat(store.findRun("r1")).contains(ended);
  }

  // ---------------------------------------------------------------- helpers

  private List<String> ids(ExportCategory category) {
    return store.list(category, PageRequest.first(PageRequest.MAX_SIZE)).items().stream().map(Export::id).toList();
  }

  private static Export export(String id, long version, Instant createdAt) {
    return export(id, version, createdAt, ExportStatus.DRAFT, false);
  }

  private static Export export(String id, long version, Instant createdAt, ExportStatus status, boolean favorite) {
    return new Export(id, version, 1, status, favorite, DEFINITION, createdAt, createdAt, null, null, null, null);
  }

  private static Export next(Export current, ExportStatus status) {
    return next(current, status, 0);
  }

  /** The next version, made distinct by {@code writer} so that concurrent replacements differ. */
  private static Export next(Export current, ExportStatus status, int writer) {
    return new Export(current.id(), current.version() + 1, current.definitionVersion(), status, writer % 3 == 0, current.definition(),
        current.createdAt(), current.updatedAt().plusSeconds(1 + writer), null, null, null, null);
  }

  private static Export withVersion(Export current, long version) {
    return new Export(current.id(), version, current.definitionVersion(), current.status(), current.favorite(), current.definition(),
        current.createdAt(), current.updatedAt(), null, null, null, null);
  }

  private static Export scheduled(String id, Instant nextFireAt) {
    return new Export(id, 1, 1, ExportStatus.SCHEDULED, false, DEFINITION, T0, T0, T0, nextFireAt, null, null);
  }

  private static Export rescheduled(Export current, Instant nextFireAt) {
    return new Export(current.id(), current.version() + 1, current.definitionVersion(), ExportStatus.SCHEDULED, false, DEFINITION, T0, T0, T0,
        nextFireAt, null, null);
  }

  private static Export leased(String id, Instant expiresAt) {
    return new Export(id, 1, 1, ExportStatus.IN_PROGRESS, false, DEFINITION, T0, T0, T0, T0,
        new Export.Lease(T0, 1, null, expiresAt), null);
  }

  private static ExportRun run(String id, String exportId, long sequence, Instant startedAt) {
    return ExportRun.running(id, exportId, 1, sequence, null, startedAt);
  }
}
