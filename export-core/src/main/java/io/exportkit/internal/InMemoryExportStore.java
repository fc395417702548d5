package io.exportkit.internal;

import io.exportkit.Export;
import io.exportkit.ExportCategory;
import io.exportkit.ExportRun;
import io.exportkit.ExportStore;
import io.exportkit.Page;
import io.exportkit.PageRequest;
import io.exportkit.RunQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link ExportStore}: thread-safe maps in the JVM, and an index of the exports by
 * {@link Export#dueAt()} so that {@link #due} reads only the due ones. Its compare-and-set is atomic
 * within this JVM only: it cannot be shared by several nodes.
 */
public final class InMemoryExportStore implements ExportStore {

  /** Newest first; the id breaks ties so that paging is stable. */
  static final Comparator<Export> NEWEST_FIRST =
      Comparator.comparing(Export::createdAt).reversed().thenComparing(Export::id, Comparator.reverseOrder());

  /** An entry of the due index. */
  private record Due(Instant at, String id) {
  }

  private final Map<String, Export> exports = new ConcurrentHashMap<>();
  private final Map<String, ExportRun> runs = new ConcurrentHashMap<>();
  private final NavigableSet<Due> dueIndex =
      new ConcurrentSkipListSet<>(Comparator.comparing(Due::at).thenComparing(Due::id));

  @Override
  public void insert(Export export) {
    Objects.requireNonNull(export, "export");
    boolean[] inserted = {false};
    exports.computeIfAbsent(export.id(), id -> {
      reindex(null, export);
      inserted[0] = true;
      return export;
    });
    if (!inserted[0]) {
      throw new IllegalStateException("an export with id '" + export.id() + "' exists");
    }
  }

  @Override
  public Optional<Export> find(String id) {
    return Optional.ofNullable(exports.get(id));
  }

  @Override
  public boolean compareAndSet(Export expected, Export replacement) {
    if (!expected.id().equals(replacement.id()) || replacement.version() != expected.version() + 1) {
      throw new IllegalArgumentException("a replacement keeps the id and is one version higher");
    }
    boolean[] swapped = {false};
    exports.computeIfPresent(expected.id(), (id, current) -> {
      if (current.version() != expected.version()) {
        return current;
      }
      reindex(current, replacement);
      swapped[0] = true;
      return replacement;
    });
    return swapped[0];
  }

  @Override
  public boolean delete(String id, long expectedVersion) {
    boolean[] removed = {false};
    exports.computeIfPresent(id, (key, current) -> {
      if (current.version() != expectedVersion) {
        return current;
      }
      reindex(current, null);
      removed[0] = true;
      return null;
    });
    if (removed[0]) {
      runs.values().removeIf(run -> run.exportId().equals(id));
    }
    return removed[0];
  }

  /** Called under the map's lock on the export's key, so changes of one export reach the index in order. */
  private void reindex(@Nullable Export before, @Nullable Export after) {
    Instant was = before == null ? null : before.dueAt();
    Instant will = after == null ? null : after.dueAt();
    if (Objects.equals(was, will)) {
      return;
    }
    if (was != null) {
      dueIndex.remove(new Due(was, before.id()));
    }
    if (will != null) {
      dueIndex.add(new Due(will, after.id()));
    }
  }

  @Override
  public List<Export> due(Instant now, int limit) {
    Objects.requireNonNull(now, "now");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1: " + limit);
    }
    List<Export> due = new ArrayList<>();
    for (Due entry : dueIndex) {
      if (entry.at().isAfter(now) || due.size() == limit) {
        break;
      }
      // The index is read without the map's lock: skip an entry whose export changed meanwhile
      // (the export's current entry, if due, comes up in its own place).
      Export export = exports.get(entry.id());
      if (export != null && entry.at().equals(export.dueAt())) {
        due.add(export);
      }
    }
    return due;
  }

  @Override
  public Page<Export> list(ExportCategory category, PageRequest page) {
    List<Export> matching = new ArrayList<>();
    for (Export export : exports.values()) {
      if (category.includes(export)) {
        matching.add(export);
      }
    }
    return RunHistory.page(matching, NEWEST_FIRST, page);
  }

  @Override
  public void saveRun(ExportRun run) {
    runs.put(run.id(), Objects.requireNonNull(run, "run"));
  }

  @Override
  public List<ExportRun> runs(String exportId) {
    return runs.values().stream().filter(run -> run.exportId().equals(exportId)).sorted(RunHistory.NEWEST_FIRST).toList();
  }

  @Override
  public Page<ExportRun> runs(RunQuery query, PageRequest page) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    List<ExportRun> matching = runs.values().stream().filter(query::matches).collect(Collectors.toCollection(ArrayList::new));
    return RunHistory.page(matching, RunHistory.NEWEST_FIRST, page);
  }

  @Override
  public Optional<ExportRun> findRun(String runId) {
    return Optional.ofNullable(runs.get(runId));
  }

  @Override
  public boolean deleteRun(String runId) {
    return runs.remove(Objects.requireNonNull(runId, "runId")) != null;
  }
}
