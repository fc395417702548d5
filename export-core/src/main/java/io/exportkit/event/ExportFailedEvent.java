package io.exportkit.event;

import io.exportkit.ExportRun;

/**
 * A run failed; {@link ExportRun#error()} says why. Nothing was left at the destination.
 *
 * @param run the ended run
 * @param cause the failure
 */
public record ExportFailedEvent(ExportRun run, Throwable cause) {
}
