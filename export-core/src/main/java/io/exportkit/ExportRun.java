package io.exportkit;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One execution of an export.
 *
 * @param id unique run id
 * @param exportId the export that ran
 * @param exportVersion the export's version when the run started (which definition it used)
 * @param sequence 1 for the export's first run, then 2, 3…
 * @param startedAt when it started
 * @param endedAt when it ended; {@code null} while running
 * @param outcome how it ended
 * @param rows data rows written
 * @param bytes bytes delivered (after compression and encryption)
 * @param sha256 hex SHA-256 of the delivered bytes; {@code null} unless succeeded
 * @param fileName the delivered file's name; {@code null} when the run failed before naming it
 * @param location where the file is; {@code null} unless succeeded
 * @param error what went wrong and what to fix, without secrets; {@code null} unless failed
 */
public record ExportRun(
    String id,
    String exportId,
    long exportVersion,
    long sequence,
    Instant startedAt,
    @Nullable Instant endedAt,
    RunOutcome outcome,
    long rows,
    long bytes,
    @Nullable String sha256,
    @Nullable String fileName,
    @Nullable URI location,
    @Nullable String error) {

  public ExportRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(exportId, "exportId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** How long the run took, or has taken so far up to {@code startedAt} when still running. */
  public Duration duration() {
    return endedAt == null ? Duration.ZERO : Duration.between(startedAt, endedAt);
  }

  public boolean succeeded() {
    return outcome == RunOutcome.SUCCEEDED;
  }
}
