package io.exportkit;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which runs of the history to list: each part left {@code null} matches every run. Immutable.
 *
 * <pre>{@code
 * Page<ExportRun> failures = exports.runs(RunQuery.all().withOutcome(RunOutcome.FAILED)
 *     .startedBetween(monday, nextMonday), PageRequest.first(50));
 * }</pre>
 *
 * @param exportId the runs of this export only
 * @param outcome the runs that ended so (or are still {@link RunOutcome#RUNNING}) only
 * @param from the runs started at or after this instant only
 * @param to the runs started before this instant only
 */
public record RunQuery(@Nullable String exportId, @Nullable RunOutcome outcome, @Nullable Instant from,
    @Nullable Instant to) {

  private static final RunQuery ALL = new RunQuery(null, null, null, null);

  /** @throws IllegalArgumentException when {@code to} is before {@code from} */
  public RunQuery {
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
    }
  }

  /** Every run of every export. */
  public static RunQuery all() {
    return ALL;
  }

  /** Every run of {@code exportId}. */
  public static RunQuery ofExport(String exportId) {
    return new RunQuery(Objects.requireNonNull(exportId, "exportId"), null, null, null);
  }

  /** This query, keeping the runs with {@code outcome} only. */
  public RunQuery withOutcome(RunOutcome outcome) {
    return new RunQuery(exportId, Objects.requireNonNull(outcome, "outcome"), from, to);
  }

  /**
   * This query, keeping the runs started in [{@code from}, {@code to}) only.
   *
   * @throws IllegalArgumentException when {@code to} is before {@code from}
   */
  public RunQuery startedBetween(Instant from, Instant to) {
    return new RunQuery(exportId, outcome, Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"));
  }

  /** Whether {@code run} answers this query. */
  public boolean matches(ExportRun run) {
    return (exportId == null || exportId.equals(run.exportId()))
        && (outcome == null || outcome == run.outcome())
        && (from == null || !run.startedAt().isBefore(from))
        && (to == null || run.startedAt().isBefore(to));
  }
}
