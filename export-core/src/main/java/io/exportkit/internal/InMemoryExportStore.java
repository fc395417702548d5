package io.exportkit.internal;

import io.exportkit.Export;
import io.exportkit.ExportCategory;
import io.exportkit.ExportRun;
import io.exportkit.ExportStore;
import io.exportkit.Page;
import io.exportkit.PageRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The default {@link ExportStore}: thread-safe maps in the JVM. */
public final class InMemoryExportStore implements ExportStore {

  /** Newest first; the id breaks ties so that paging is stable. */
  static final Comparator<Export> NEWEST_FIRST =
      Comparator.comparing(Export::createdAt).reversed().thenComparing(Export::id, Comparator.reverseOrder());

  private static final Comparator<ExportRun> RUNS_NEWEST_FIRST =
      Comparator.comparing(ExportRun::startedAt).reversed().thenComparing(ExportRun::sequence, Comparator.reverseOrder());

  private final Map<String, Export> exports = new ConcurrentHashMap<>();
  private final Map<String, ExportRun> runs = new ConcurrentHashMap<>();

  @Override
  public void insert(Export export) {
    Objects.requireNonNull(export, "export");
    if (exports.putIfAbsent(export.id(), export) != null) {
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
      removed[0] = true;
      return null;
    });
    if (removed[0]) {
      runs.values().removeIf(run -> run.exportId().equals(id));
    }
    return removed[0];
  }

  @Override
  public Page<Export> list(ExportCategory category, PageRequest page) {
    List<Export> matching = new ArrayList<>();
    for (Export export : exports.values()) {
      if (category.includes(export)) {
        matching.add(export);
      }
    }
    matching.sort(NEWEST_FIRST);
    int from = (int) Math.min(page.offset(), matching.size());
    int to = Math.min(from + page.size(), matching.size());
    return new Page<>(matching.subList(from, to), page.page(), page.size(), matching.size());
  }

  @Override
  public void saveRun(ExportRun run) {
    runs.put(run.id(), Objects.requireNonNull(run, "run"));
  }

  @Override
  public List<ExportRun> runs(String exportId) {
    return runs.values().stream().filter(run -> run.exportId().equals(exportId)).sorted(RUNS_NEWEST_FIRST).toList();
  }

  @Override
  public Optional<ExportRun> findRun(String runId) {
    return Optional.ofNullable(runs.get(runId));
  }
}
