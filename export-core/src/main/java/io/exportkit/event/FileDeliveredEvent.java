package io.exportkit.event;

import io.exportkit.ExportRun;

/**
 * A run delivered its file; {@link ExportRun#location()} says where.
 *
 * @param run the ended run
 */
public record FileDeliveredEvent(ExportRun run) {
}
