package io.exportkit;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How long the run history keeps the runs of each export; applied by {@link ExportService#pruneRuns()}.
 * A run is removed once it started more than {@code maxAge} ago, or once {@code maxRunsPerExport}
 * newer ended runs of its export are kept. Whatever the setting, the latest ended run of every
 * export, the run its {@link Export#lastRun()} names, and the runs still {@link RunOutcome#RUNNING}
 * stay. Immutable.
 *
 * <pre>{@code
 * ExportService.builder().runRetention(RunRetention.maxAge(Duration.ofDays(90)).withMaxRunsPerExport(100))
 * }</pre>
 *
 * @param maxAge how long after its start a run is kept; {@code null} for no age limit
 * @param maxRunsPerExport how many ended runs of each export are kept, at least 1
 */
public record RunRetention(@Nullable Duration maxAge, int maxRunsPerExport) {

  /** The default: every run is kept. */
  public static final RunRetention KEEP_ALL = new RunRetention(null, Integer.MAX_VALUE);

  /** @throws IllegalArgumentException when {@code maxAge} is not positive or {@code maxRunsPerExport} is below 1 */
  public RunRetention {
    if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
      throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
    }
    if (maxRunsPerExport < 1) {
      throw new IllegalArgumentException("maxRunsPerExport must be >= 1 (the last run is always kept): "
          + maxRunsPerExport);
    }
  }

  /** Keeps the runs started less than {@code maxAge} ago, and the latest of each export. */
  public static RunRetention maxAge(Duration maxAge) {
    return new RunRetention(Objects.requireNonNull(maxAge, "maxAge"), Integer.MAX_VALUE);
  }

  /** Keeps the latest {@code maxRunsPerExport} ended runs of each export. */
  public static RunRetention maxRunsPerExport(int maxRunsPerExport) {
    return new RunRetention(null, maxRunsPerExport);
  }

  /** This retention with an age limit as well. */
  public RunRetention withMaxAge(Duration maxAge) {
    return new RunRetention(Objects.requireNonNull(maxAge, "maxAge"), maxRunsPerExport);
  }

  /** This retention with a count limit as well. */
  public RunRetention withMaxRunsPerExport(int maxRunsPerExport) {
    return new RunRetention(maxAge, maxRunsPerExport);
  }
}
