package io.exportkit;

import io.exportkit.internal.InMemoryExportStore;
import io.exportkit.internal.RunHistory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Host SPI: where exports and their runs are kept. The default, {@link #inMemory()}, keeps them
 * in the JVM; a host that needs them to survive restarts or to be shared by several nodes
 * implements this over its database.
 *
 * <p>Every change of an export goes through {@link #compareAndSet}: an atomic compare-and-set on
 * (id, version), which is what makes concurrent edits safe, and what lets several schedulers share
 * one store: each claims an occurrence with it, so exactly one of them fires it. A store shared by
 * several nodes (a database) must make that compare-and-set atomic across them; the in-memory store
 * is atomic within one JVM only. Implementations must be thread-safe.
 *
 * <p>A store compares nothing but the version, and keeps every component of an {@link Export} as
 * given, {@link Export#definitionVersion()} included (a column beside the version): the service
 * derives from it which edits conflict, so that a favorite or a run never fails an editor's save.
 *
 * <p>Every run is kept, from its start to its end, as the export's run history, until
 * {@link ExportService#pruneRuns()} removes those its {@link RunRetention} lets go through
 * {@link #deleteRun}.
 */
public interface ExportStore {

  /** A new, empty store that keeps everything in memory. */
  static ExportStore inMemory() {
    return new InMemoryExportStore();
  }

  /**
   * Stores a new export.
   *
   * @throws IllegalStateException when an export with that id exists
   */
  void insert(Export export);

  /** The export with this id. */
  Optional<Export> find(String id);

  /**
   * Replaces {@code expected} with {@code replacement} if, and only if, the stored export still has
   * {@code expected.version()}. {@code replacement} has the same id and a version one higher.
   *
   * @return whether the replacement was stored; {@code false} when another change came first or
   *     the export is gone
   */
  boolean compareAndSet(Export expected, Export replacement);

  /**
   * Removes the export (and its runs) if it still has {@code expectedVersion}.
   *
   * @return whether it was removed
   */
  boolean delete(String id, long expectedVersion);

  /**
   * The exports due at {@code now}: those whose {@link Export#dueAt()} is at or before {@code now},
   * earliest first, at most {@code limit}. Schedulers call it on every poll, so it must examine
   * only due exports, not all of them: keep an index on {@code dueAt} (a column with an index, in
   * a database).
   */
  List<Export> due(Instant now, int limit);

  /** The exports of {@code category}, newest first (by creation time, then id). */
  Page<Export> list(ExportCategory category, PageRequest page);

  /** Adds a run, or replaces the run with the same id (a running run that ended). */
  void saveRun(ExportRun run);

  /** The runs of an export, newest first. */
  List<ExportRun> runs(String exportId);

  /**
   * The runs that answer {@code query}, newest first: by start, then sequence, then id, so that
   * pages are stable. The run history screens and {@link ExportService#runs(RunQuery, PageRequest)}
   * call it. The default reads every export's runs through {@link #list} and {@link #runs(String)};
   * a database store should override it with one query over indexes on the export id, the outcome
   * and the start.
   */
  default Page<ExportRun> runs(RunQuery query, PageRequest page) {
    return RunHistory.scan(this, query, page);
  }

  /** The run with this id. */
  Optional<ExportRun> findRun(String runId);

  /**
   * Removes a run from the history; {@link ExportService#pruneRuns()} calls it for the runs its
   * {@link RunRetention} lets go. The default cannot: a store must implement it for retention to work.
   *
   * @return whether the run was there
   * @throws UnsupportedOperationException when this store keeps every run
   */
  default boolean deleteRun(String runId) {
    throw new UnsupportedOperationException(getClass().getName() + " keeps every run: implement"
        + " ExportStore.deleteRun(runId) to let ExportService.pruneRuns() remove old runs");
  }
}
