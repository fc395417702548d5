package io.exportkit;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One execution of an export.
 *
 * @param id unique run id
 * @param exportId the export that ran
 * @param exportVersion the export's version when the run started (which definition it used)
 * @param sequence 1 for the export's first run, then 2, 3…
 * @param occurrence the trigger occurrence this run serves (its scheduled instant), or {@code null}
 *     for a run started by hand or on publish
 * @param startedAt when it started
 * @param endedAt when it ended; {@code null} while running
 * @param outcome how it ended
 * @param rows data rows written
 * @param bytes bytes delivered (after compression and encryption)
 * @param sha256 hex SHA-256 of the delivered bytes; {@code null} unless succeeded
 * @param fileName the delivered file's name; {@code null} when the run failed before naming it
 * @param location where the file is; {@code null} unless succeeded
 * @param error what went wrong and what to fix, without secrets; {@code null} unless failed
 * @param details what the output stages report about the file, e.g. {@code recipients} → the
 *     OpenPGP recipients' fingerprints, what the transport reports (e.g. {@code verified} →
 *     {@code size only}, see {@link io.exportkit.spi.Delivered#details()}), and what the
 *     scheduler notes about the run: {@value #MISFIRE} and {@value #ATTEMPT}, {@value #ENDED_BY}
 *     for a run an operator ended, and {@value #STOPPED} for a stopped run; empty when none
 */
public record ExportRun(
    String id,
    String exportId,
    long exportVersion,
    long sequence,
    @Nullable Instant occurrence,
    Instant startedAt,
    @Nullable Instant endedAt,
    RunOutcome outcome,
    long rows,
    long bytes,
    @Nullable String sha256,
    @Nullable String fileName,
    @Nullable URI location,
    @Nullable String error,
    Map<String, String> details) {

  /**
   * Key of {@link #details()} set when the run's occurrence was missed (no scheduler ran at the time)
   * and fired late: how late, as an ISO-8601 duration such as {@code PT3H12M}.
   */
  public static final String MISFIRE = "misfire";

  /**
   * Key of {@link #details()} set when the run is a second or later attempt at its occurrence (a
   * retry, or a re-run after its scheduler stopped): the attempt's number, e.g. {@code 2}.
   */
  public static final String ATTEMPT = "attempt";

  /**
   * Key of {@link #details()} set when the run did not end by itself: {@value #BY_OPERATOR} when an
   * operator ended it with {@link ExportService#endRun}.
   */
  public static final String ENDED_BY = "endedBy";

  /** The value of {@link #ENDED_BY} for a run an operator ended. */
  public static final String BY_OPERATOR = "operator";

  /**
   * Key of {@link #details()} set when the run was stopped before it delivered
   * ({@link ExportService#stopRun}): why, e.g. {@code the host is shutting down}.
   */
  public static final String STOPPED = "stopped";

  public ExportRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(exportId, "exportId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(outcome, "outcome");
    details = Map.copyOf(details);
  }

  /** A run that has just started. */
  public static ExportRun running(String id, String exportId, long exportVersion, long sequence,
      @Nullable Instant occurrence, Instant startedAt) {
    return new ExportRun(id, exportId, exportVersion, sequence, occurrence, startedAt, null, RunOutcome.RUNNING, 0, 0,
        null, null, null, null, Map.of());
  }

  /** This run, ended with its file delivered. */
  public ExportRun succeeded(Instant endedAt, long rows, long bytes, String sha256, String fileName, URI location,
      Map<String, String> details) {
    return new ExportRun(id, exportId, exportVersion, sequence, occurrence, startedAt,
        Objects.requireNonNull(endedAt, "endedAt"), RunOutcome.SUCCEEDED, rows, bytes,
        Objects.requireNonNull(sha256, "sha256"), Objects.requireNonNull(fileName, "fileName"),
        Objects.requireNonNull(location, "location"), null, details);
  }

  /** This run, ended in failure after {@code rows} rows; nothing was delivered. Its details stay. */
  public ExportRun failed(Instant endedAt, long rows, @Nullable String fileName, String error) {
    return new ExportRun(id, exportId, exportVersion, sequence, occurrence, startedAt,
        Objects.requireNonNull(endedAt, "endedAt"), RunOutcome.FAILED, rows, 0, null, fileName, null,
        Objects.requireNonNull(error, "error"), details);
  }

  /** How long the run took; zero while it is running. */
  public Duration duration() {
    return endedAt == null ? Duration.ZERO : Duration.between(startedAt, endedAt);
  }

  public boolean succeeded() {
    return outcome == RunOutcome.SUCCEEDED;
  }
}
