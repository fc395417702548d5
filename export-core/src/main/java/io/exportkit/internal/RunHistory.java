package io.exportkit.internal;

import io.exportkit.Export;
import io.exportkit.ExportCategory;
import io.exportkit.ExportRun;
import io.exportkit.ExportStore;
import io.exportkit.Page;
import io.exportkit.PageRequest;
import io.exportkit.RunOutcome;
import io.exportkit.RunQuery;
import io.exportkit.RunRetention;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The run history over any {@link ExportStore}: paged queries, retention, and a walk over every export. */
public final class RunHistory {

  /** Newest first; the sequence, then the id, break ties so that paging is stable. */
  static final Comparator<ExportRun> NEWEST_FIRST = Comparator.comparing(ExportRun::startedAt).reversed()
      .thenComparing(ExportRun::sequence, Comparator.reverseOrder())
      .thenComparing(ExportRun::id, Comparator.reverseOrder());

  private static final PageRequest EXPORTS_PAGE = PageRequest.first(PageRequest.MAX_SIZE);

  private RunHistory() {
  }

  /** {@link ExportStore#runs(RunQuery, PageRequest)} for a store without a query of its own. */
  public static Page<ExportRun> scan(ExportStore store, RunQuery query, PageRequest page) {
    List<ExportRun> matching = new ArrayList<>();
    Consumer<String> collect = exportId -> store.runs(exportId).stream().filter(query::matches).forEach(matching::add);
    if (query.exportId() != null) {
      collect.accept(query.exportId());
    } else {
      forEachExport(store, export -> collect.accept(export.id()));
    }
    return page(matching, NEWEST_FIRST, page);
  }

  /** The page {@code page} of {@code items} once sorted in {@code order}; sorts {@code items} in place. */
  static <T> Page<T> page(List<T> items, Comparator<? super T> order, PageRequest page) {
    items.sort(order);
    int from = (int) Math.min(page.offset(), items.size());
    int to = Math.min(from + page.size(), items.size());
    return new Page<>(items.subList(from, to), page.page(), page.size(), items.size());
  }

  /**
   * Calls {@code action} once for every export in the store, page by page, so that only a page of
   * exports is held. An export created meanwhile may be missed; none is seen twice.
   */
  static void forEachExport(ExportStore store, Consumer<Export> action) {
    Set<String> seen = new HashSet<>();
    PageRequest request = EXPORTS_PAGE;
    while (true) {
      Page<Export> page = store.list(ExportCategory.ALL, request);
      for (Export export : page.items()) {
        if (seen.add(export.id())) {
          action.accept(export);
        }
      }
      if (!page.hasNext()) {
        return;
      }
      request = PageRequest.of(request.page() + 1, request.size());
    }
  }

  /**
   * Removes the runs that {@code retention} lets go at {@code now}, export by export. The running
   * runs stay, and so do the latest ended run of each export and the one its {@link Export#lastRun()}
   * names (they differ while a failed attempt waits for its retry).
   *
   * @return how many runs were removed
   */
  static long prune(ExportStore store, RunRetention retention, Instant now) {
    if (retention.equals(RunRetention.KEEP_ALL)) {
      return 0;
    }
    Instant oldestKept = retention.maxAge() == null ? Instant.MIN : now.minus(retention.maxAge());
    long[] removed = {0};
    forEachExport(store, export -> {
      String lastRunId = export.lastRun() == null ? null : export.lastRun().id();
      int newerEnded = 0;
      for (ExportRun run : store.runs(export.id())) {
        if (run.outcome() == RunOutcome.RUNNING) {
          continue;
        }
        boolean kept = newerEnded == 0 || run.id().equals(lastRunId);
        boolean letGo = newerEnded >= retention.maxRunsPerExport() || run.startedAt().isBefore(oldestKept);
        if (!kept && letGo && store.deleteRun(run.id())) {
          removed[0]++;
        }
        newerEnded++;
      }
    });
    return removed[0];
  }
}
