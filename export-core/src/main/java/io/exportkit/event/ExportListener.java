package io.exportkit.event;

/**
 * Receives the events of export runs. Every method has a no-op default; override what you need.
 *
 * <p>Methods are called on the thread running the export. They must be fast and must not throw:
 * an exception is logged at WARN and otherwise ignored, so a broken listener never fails an export.
 */
public interface ExportListener {

  /** A listener that ignores everything. */
  ExportListener NONE = new ExportListener() {
  };

  default void exportStarted(ExportStartedEvent event) {
  }

  default void rowsWritten(RowsWrittenEvent event) {
  }

  default void fileDelivered(FileDeliveredEvent event) {
  }

  default void exportFailed(ExportFailedEvent event) {
  }
}
