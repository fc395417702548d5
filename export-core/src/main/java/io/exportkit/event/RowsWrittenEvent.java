package io.exportkit.event;

/**
 * Progress of a run: sent every {@code progressInterval} rows and once at the end of the rows.
 *
 * @param exportId the export
 * @param runId the run
 * @param rows data rows written so far
 * @param bytes bytes delivered so far (after compression and encryption, as far as flushed)
 */
public record RowsWrittenEvent(String exportId, String runId, long rows, long bytes) {
}
