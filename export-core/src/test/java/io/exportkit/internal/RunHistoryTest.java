package io.exportkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.exportkit.Destination;
import io.exportkit.Export;
import io.exportkit.ExportCategory;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportRun;
import io.exportkit.ExportStatus;
import io.exportkit.ExportStore;
import io.exportkit.ExportType;
import io.exportkit.Page;
import io.exportkit.PageRequest;
import io.exportkit.RunOutcome;
import io.exportkit.RunQuery;
import io.exportkit.RunRetention;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The run history over a store: its paged queries, answered alike by the in-memory store and by the
 * default every store inherits, and the retention that prunes it.
 */
class RunHistoryTest {
  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
  private static final ExportDefinition DEFINITION = ExportDefinition.builder()
      .name("weekly").type(ExportType.RAPID).operation("summer").destination(Destination.of("file:exports")).build();

  private final InMemoryExportStore store = new InMemoryExportStore();

  static Stream<ExportStore> stores() {
    return Stream.of(new InMemoryExportStore(), new MinimalStore(new InMemoryExportStore()));
  }

  // ---------------------------------------------------------------- queries

  @ParameterizedTest
  @MethodSource("stores")
  void runsAreQueriedByExportByOutcomeAndByPeriod(ExportStore store) {
    history(store);

    List<String> ofA = ids(store, RunQuery.ofExport("a"));
    List<String> failed = ids(store, RunQuery.all().withOutcome(RunOutcome.FAILED));
    List<String> secondDay = ids(store, RunQuery.all().startedBetween(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2))));
    List<String> failedOfBOnTheFirstDay = ids(store, RunQuery.ofExport("b").withOutcome(RunOutcome.FAILED)
        .startedBetween(T0, T0.plus(Duration.ofDays(1))));

    assertThat(ofA).containsExactly("a3", "a2", "a1");
    assertThat(failed).containsExactly("a2", "b2", "b1");
    assertThat(secondDay).containsExactly("a2", "b2");
    assertThat(failedOfBOnTheFirstDay).containsExactly("b1");
  }

  @ParameterizedTest
  @MethodSource("stores")
  void pagesAreNewestFirstWithIdsBreakingTies(ExportStore store) {
    history(store);

    Page<ExportRun> first = store.runs(RunQuery.all(), PageRequest.of(0, 4));
    Page<ExportRun> second = store.runs(RunQuery.all(), PageRequest.of(1, 4));

    assertThat(first.items()).extracting(ExportRun::id).containsExactly("b3", "a3", "a2", "b2");
    assertThat(second.items()).extracting(ExportRun::id).containsExactly("a1", "b1");
    assertThat(first.total()).isEqualTo(6);
    assertThat(first.hasNext()).isTrue();
    assertThat(second.hasNext()).isFalse();
  }

  // ---------------------------------------------------------------- retention

  @Test
  void maxRunsPerExportKeepsTheLatestEndedRunsOfEachExport() {
    history(store);

    long removed = RunHistory.prune(store, RunRetention.maxRunsPerExport(2), T0.plus(Duration.ofDays(3)));

    assertThat(removed).isEqualTo(2);
    assertThat(ids(store, RunQuery.all())).containsExactly("b3", "a3", "a2", "b2");
  }

  @Test
  void maxAgeRemovesOldRunsButNeverTheLastRunOfAnExport() {
    history(store);
    insert(store, "c");
    store.saveRun(succeeded("c1", "c", 1, T0));

    long removed = RunHistory.prune(store, RunRetention.maxAge(Duration.ofHours(1)), T0.plus(Duration.ofDays(30)));

    assertThat(removed).isEqualTo(4);
    assertThat(ids(store, RunQuery.all())).as("the last run of each export, however old")
        .containsExactly("b3", "a3", "c1");
  }

  @Test
  void runningRunsStayAndTheLatestEndedRunStaysBehindThem() {
    insert(store, "a");
    store.saveRun(succeeded("a1", "a", 1, T0));
    store.saveRun(succeeded("a2", "a", 2, T0.plusSeconds(60)));
    store.saveRun(ExportRun.running("a3", "a", 1, 3, null, T0.plusSeconds(120)));

    long removed = RunHistory.prune(store, RunRetention.maxRunsPerExport(1), T0.plus(Duration.ofDays(1)));

    assertThat(removed).isEqualTo(1);
    assertThat(ids(store, RunQuery.all())).containsExactly("a3", "a2");
  }

  @Test
  void theRunTheExportNamesAsItsLastStaysWhileAFailedAttemptWaitsForItsRetry() {
    ExportRun lastOccurrence = succeeded("a1", "a", 1, T0);
    store.insert(new Export("a", 2, 1, ExportStatus.IN_PROGRESS, false, DEFINITION, T0, T0, T0, T0,
        new Export.Lease(T0.plus(Duration.ofDays(1)), 1, null, T0.plus(Duration.ofDays(2))), lastOccurrence));
    store.saveRun(lastOccurrence);
    store.saveRun(failed("a2", "a", 2, T0.plus(Duration.ofDays(1))));

    long removed = RunHistory.prune(store, RunRetention.maxRunsPerExport(1), T0.plus(Duration.ofDays(2)));

    assertThat(removed).isZero();
    assertThat(ids(store, RunQuery.all())).containsExactly("a2", "a1");
  }

  @Test
  void pruningAgainRemovesNothingMore() {
    history(store);
    RunRetention retention = RunRetention.maxRunsPerExport(1);
    RunHistory.prune(store, retention, T0.plus(Duration.ofDays(3)));

    long again = RunHistory.prune(store, retention, T0.plus(Duration.ofDays(3)));

    assertThat(again).isZero();
    assertThat(ids(store, RunQuery.all())).containsExactly("b3", "a3");
  }

  @Test
  void keepingEveryRunNeverAsksTheStoreToDelete() {
    MinimalStore cannotDelete = new MinimalStore(store);
    history(cannotDelete);

    long removed = RunHistory.prune(cannotDelete, RunRetention.KEEP_ALL, T0.plus(Duration.ofDays(3650)));

    assertThat(removed).isZero();
    assertThat(ids(cannotDelete, RunQuery.all())).hasSize(6);
  }

  @Test
  void aStoreThatCannotDeleteRunsSaysWhatToImplement() {
    MinimalStore cannotDelete = new MinimalStore(store);
    history(cannotDelete);

    Throwable thrown = catchThrowable(() -> RunHistory.prune(cannotDelete, RunRetention.maxRunsPerExport(1), T0));

    assertThat(thrown).isInstanceOf(UnsupportedOperationException.class).hasMessage(MinimalStore.class.getName()
        + " keeps every run: implement ExportStore.deleteRun(runId) to let ExportService.pruneRuns() remove old runs");
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Exports a and b, three runs each: a1 succeeded on the first day, a2 failed on the second, a3
   * succeeded on the third; b1 failed on the first day, b2 failed on the second, b3 succeeded on the
   * third, each an hour before a's run of the day but the last, started at the same instant and with
   * the same sequence as a3 (the id orders them: b3 first).
   */
  private static void history(ExportStore store) {
    insert(store, "a");
    insert(store, "b");
    for (int day = 0; day < 3; day++) {
      Instant morning = T0.plus(Duration.ofDays(day)).plus(Duration.ofHours(10));
      Instant earlier = day == 2 ? morning : morning.minus(Duration.ofHours(1));
      int sequence = day + 1;
      store.saveRun(day == 1 ? failed("a" + sequence, "a", sequence, morning) : succeeded("a" + sequence, "a", sequence, morning));
      store.saveRun(day == 2 ? succeeded("b" + sequence, "b", sequence, earlier) : failed("b" + sequence, "b", sequence, earlier));
    }
  }

  private static void insert(ExportStore store, String id) {
    store.insert(new Export(id, 1, 1, ExportStatus.CLOSED, false, DEFINITION, T0, T0, T0, null, null, null));
  }

  private static ExportRun succeeded(String id, String exportId, long sequence, Instant startedAt) {
    return ExportRun.running(id, exportId, 1, sequence, null, startedAt).succeeded(startedAt.plusSeconds(5), 10, 100,
        "ab", id + ".csv", URI.create("file:/out/" + id + ".csv"), Map.of());
  }

  private static ExportRun failed(String id, String exportId, long sequence, Instant startedAt) {
    return ExportRun.running(id, exportId, 1, sequence, null, startedAt).failed(startedAt.plusSeconds(5), 3, null,
        "the source failed");
  }

  private static List<String> ids(ExportStore store, RunQuery query) {
    return store.runs(query, PageRequest.first(PageRequest.MAX_SIZE)).items().stream().map(ExportRun::id).toList();
  }

  /** A store implementing only what ExportStore requires, as a host's store may: the run history uses the defaults. */
  private static final class MinimalStore implements ExportStore {
    private final ExportStore delegate;

    MinimalStore(ExportStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public void insert(Export export) {
      delegate.insert(export);
    }

    @Override
    public Optional<Export> find(String id) {
      return delegate.find(id);
    }

    @Override
    public boolean compareAndSet(Export expected, Export replacement) {
      return delegate.compareAndSet(expected, replacement);
    }

    @Override
    public boolean delete(String id, long expectedVersion) {
      return delegate.delete(id, expectedVersion);
    }

    @Override
    public List<Export> due(Instant now, int limit) {
      return delegate.due(now, limit);
    }

    @Override
    public Page<Export> list(ExportCategory category, PageRequest page) {
      return delegate.list(category, page);
    }

    @Override
    public void saveRun(ExportRun run) {
      delegate.saveRun(run);
    }

    @Override
    public List<ExportRun> runs(String exportId) {
      return delegate.runs(exportId);
    }

    @Override
    public Optional<ExportRun> findRun(String runId) {
      return delegate.findRun(runId);
    }
  }
}
