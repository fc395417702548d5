package io.exportkit.statistics;

import io.exportkit.ExportCategory;
import io.exportkit.ExportRun;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The account's exports and what their runs did over a period, from the run history; see
 * {@link io.exportkit.ExportService#exportStatistics}. Immutable.
 *
 * @param from the start of the period, included: runs started at or after it count
 * @param to the end of the period, excluded
 * @param exportsByCategory how many exports each {@link ExportCategory} of the export list holds
 *     now, all six present (an export is in {@code ALL}, in the category of its status, and in
 *     {@code FAVORITES} when marked)
 * @param runs the runs started in the period
 * @param exportsByDestination how many exports deliver to each destination kind, the URI scheme of
 *     their destination ({@code file}, {@code ftp}, {@code sftp}, {@code s3}, {@code gs}…), in
 *     alphabetical order
 * @param runsByDestination {@code runs} split by the destination kind of their export
 * @param lastFailures the latest failed run of each export that failed in the period, newest first;
 *     its {@link ExportRun#error()} says what went wrong and what to fix
 */
public record ExportStatistics(
    Instant from,
    Instant to,
    Map<ExportCategory, Long> exportsByCategory,
    RunTotals runs,
    Map<String, Long> exportsByDestination,
    Map<String, RunTotals> runsByDestination,
    List<ExportRun> lastFailures) {

  public ExportStatistics {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(runs, "runs");
    Map<ExportCategory, Long> categories = new EnumMap<>(ExportCategory.class);
    for (ExportCategory category : ExportCategory.values()) {
      categories.put(category, exportsByCategory.getOrDefault(category, 0L));
    }
    exportsByCategory = Collections.unmodifiableMap(categories);
    exportsByDestination = Collections.unmodifiableMap(new TreeMap<>(exportsByDestination));
    runsByDestination = Collections.unmodifiableMap(new TreeMap<>(runsByDestination));
    lastFailures = List.copyOf(lastFailures);
  }

  /** How many exports {@code category} holds. */
  public long exports(ExportCategory category) {
    return exportsByCategory.get(category);
  }
}
