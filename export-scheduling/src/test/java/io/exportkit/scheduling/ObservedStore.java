package io.exportkit.scheduling;

import io.exportkit.Export;
import io.exportkit.ExportCategory;
import io.exportkit.ExportRun;
import io.exportkit.ExportStore;
import io.exportkit.Page;
import io.exportkit.PageRequest;
import io.exportkit.RunOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's handle on the shared store: it counts the calls by method and the exports {@link #due}
 * returned, and can kill its node at a chosen point, after which every call fails as the node is
 * gone.
 */
final class ObservedStore implements ExportStore {

  /** Where the node dies. */
  enum Crash {
    /** When it records an ended run: the file was committed, the store never hears of it. */
    BEFORE_RECORDING_THE_RUN,
    /** When it ends the occurrence: the ended run is recorded, the export still holds the lease. */
    BEFORE_ENDING_THE_OCCURRENCE
  }

  private final ExportStore shared;
  private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
  private final AtomicLong dueRows = new AtomicLong();
  private volatile Crash crash;
  private volatile boolean runRecorded;
  private volatile boolean dead;

  ObservedStore(ExportStore shared) {
    this.shared = shared;
  }

  /** Kills the node at {@code at}, from the next run on. */
  void crash(Crash at) {
    runRecorded = false;
    this.crash = at;
  }

  /** All calls so far, by method. */
  Map<String, Long> calls() {
    Map<String, Long> copy = new ConcurrentHashMap<>();
    calls.forEach((method, n) -> copy.put(method, n.get()));
    return copy;
  }

  long totalCalls() {
    return calls.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** How many exports {@link #due} returned, in all. */
  long dueRows() {
    return dueRows.get();
  }

  private void call(String method) {
    if (dead) {
      throw new NodeKilled("before " + method);
    }
    calls.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
  }

  private NodeKilled die(String where) {
    dead = true;
    return new NodeKilled(where);
  }

  @Override
  public void insert(Export export) {
    call("insert");
    shared.insert(export);
  }

  @Override
  public Optional<Export> find(String id) {
    call("find");
    return shared.find(id);
  }

  @Override
  public boolean compareAndSet(Export expected, Export replacement) {
    call("compareAndSet");
    if (crash == Crash.BEFORE_ENDING_THE_OCCURRENCE && runRecorded) {
      throw die("before ending the occurrence");
    }
    return shared.compareAndSet(expected, replacement);
  }

  @Override
  public boolean delete(String id, long expectedVersion) {
    call("delete");
    return shared.delete(id, expectedVersion);
  }

  @Override
  public List<Export> due(Instant now, int limit) {
    call("due");
    List<Export> due = shared.due(now, limit);
    dueRows.addAndGet(due.size());
    return due;
  }

  @Override
  public Page<Export> list(ExportCategory category, PageRequest page) {
    call("list");
    return shared.list(category, page);
  }

  @Override
  public void saveRun(ExportRun run) {
    call("saveRun");
    if (run.outcome() != RunOutcome.RUNNING) {
      if (crash == Crash.BEFORE_RECORDING_THE_RUN) {
        throw die("before recording run " + run.id());
      }
      runRecorded = true;
    }
    shared.saveRun(run);
  }

  @Override
  public List<ExportRun> runs(String exportId) {
    call("runs");
    return shared.runs(exportId);
  }

  @Override
  public Optional<ExportRun> findRun(String runId) {
    call("findRun");
    return shared.findRun(runId);
  }
}
