package io.exportkit.testing;

import io.exportkit.event.ExportFailedEvent;
import io.exportkit.event.ExportListener;
import io.exportkit.event.ExportStartedEvent;
import io.exportkit.event.FileDeliveredEvent;
import io.exportkit.event.RowsWrittenEvent;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An {@link ExportListener} that records every event it receives, in order, so that a test can
 * assert on them. Thread-safe: runs on several threads may report to one listener; every accessor
 * returns a snapshot.
 */
public final class RecordingExportListener implements ExportListener {
  private final Queue<Object> events = new ConcurrentLinkedQueue<>();

  @Override
  public void exportStarted(ExportStartedEvent event) {
    events.add(event);
  }

  @Override
  public void rowsWritten(RowsWrittenEvent event) {
    events.add(event);
  }

  @Override
  public void fileDelivered(FileDeliveredEvent event) {
    events.add(event);
  }

  @Override
  public void exportFailed(ExportFailedEvent event) {
    events.add(event);
  }

  /** Every event received, in the order received. */
  public List<Object> events() {
    return List.copyOf(events);
  }

  public List<ExportStartedEvent> startedEvents() {
    return only(ExportStartedEvent.class);
  }

  public List<RowsWrittenEvent> rowsWrittenEvents() {
    return only(RowsWrittenEvent.class);
  }

  public List<FileDeliveredEvent> deliveredEvents() {
    return only(FileDeliveredEvent.class);
  }

  public List<ExportFailedEvent> failedEvents() {
    return only(ExportFailedEvent.class);
  }

  private <E> List<E> only(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
