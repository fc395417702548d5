package io.exportkit.internal;

import io.exportkit.ExportCategory;
import io.exportkit.ExportRun;
import io.exportkit.ExportStore;
import io.exportkit.PageRequest;
import io.exportkit.RunOutcome;
import io.exportkit.RunQuery;
import io.exportkit.statistics.ExportStatistics;
import io.exportkit.statistics.RunTotals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the export statistics from the store: the six category counts it lists, then each
 * export's runs of the period, export by export, so that only one export's runs are held at a time.
 */
final class ExportStatisticsCalculator {
  private ExportStatisticsCalculator() {
  }

  /** @throws IllegalArgumentException when {@code to} is before {@code from} */
  static ExportStatistics compute(ExportStore store, Instant from, Instant to) {
    RunQuery period = RunQuery.all().startedBetween(from, to);
    Map<ExportCategory, Long> categories = new EnumMap<>(ExportCategory.class);
    for (ExportCategory category : ExportCategory.values()) {
      categories.put(category, store.list(category, PageRequest.first(1)).total());
    }
    Totals all = new Totals();
    Map<String, Long> exportsByDestination = new HashMap<>();
    Map<String, Totals> byDestination = new HashMap<>();
    List<ExportRun> lastFailures = new ArrayList<>();
    RunHistory.forEachExport(store, export -> {
      String kind = export.definition().destination().scheme();
      exportsByDestination.merge(kind, 1L, Long::sum);
      ExportRun lastFailure = null;
      for (ExportRun run : store.runs(export.id())) {
        if (period.matches(run)) {
          all.add(run);
          byDestination.computeIfAbsent(kind, k -> new Totals()).add(run);
          if (lastFailure == null && run.outcome() == RunOutcome.FAILED) {
            lastFailure = run;
          }
        }
      }
      if (lastFailure != null) {
        lastFailures.add(lastFailure);
      }
    });
    lastFailures.sort(RunHistory.NEWEST_FIRST);
    Map<String, RunTotals> runsByDestination = new HashMap<>();
    byDestination.forEach((kind, totals) -> runsByDestination.put(kind, totals.toRunTotals()));
    return new ExportStatistics(from, to, categories, all.toRunTotals(), exportsByDestination, runsByDestination,
        lastFailures);
  }

  /** Running totals of runs. */
  private static final class Totals {
    private final Map<RunOutcome, Long> byOutcome = new EnumMap<>(RunOutcome.class);
    private long rows;
    private long bytes;

    void add(ExportRun run) {
      byOutcome.merge(run.outcome(), 1L, Long::sum);
      if (run.succeeded()) {
        rows += run.rows();
        bytes += run.bytes();
      }
    }

    RunTotals toRunTotals() {
      return new RunTotals(byOutcome, rows, bytes);
    }
  }
}
