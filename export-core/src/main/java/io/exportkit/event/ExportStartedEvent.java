package io.exportkit.event;

import java.time.Instant;

/**
 * A run has started.
 *
 * @param exportId the export
 * @param exportName its name
 * @param runId the run
 * @param at when
 */
public record ExportStartedEvent(String exportId, String exportName, String runId, Instant at) {
}
