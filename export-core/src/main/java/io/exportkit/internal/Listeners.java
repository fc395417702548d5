package io.exportkit.internal;

import io.exportkit.event.ExportFailedEvent;
import io.exportkit.event.ExportListener;
import io.exportkit.event.ExportStartedEvent;
import io.exportkit.event.FileDeliveredEvent;
import io.exportkit.event.RowsWrittenEvent;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls every registered listener. A listener that throws, an {@link Error} included, is logged at
 * WARN and otherwise ignored: it never changes a run, nor keeps the other listeners from hearing of
 * it. Only a {@link VirtualMachineError} (out of memory…) goes on to the run, since the JVM itself is
 * failing.
 */
final class Listeners implements ExportListener {
  private static final Logger log = LoggerFactory.getLogger(Listeners.class);

  private final List<ExportListener> listeners;

  Listeners(List<ExportListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void exportStarted(ExportStartedEvent event) {
    each(l -> l.exportStarted(event));
  }

  @Override
  public void rowsWritten(RowsWrittenEvent event) {
    each(l -> l.rowsWritten(event));
  }

  @Override
  public void fileDelivered(FileDeliveredEvent event) {
    each(l -> l.fileDelivered(event));
  }

  @Override
  public void exportFailed(ExportFailedEvent event) {
    each(l -> l.exportFailed(event));
  }

  private void each(Consumer<ExportListener> call) {
    for (ExportListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        log.warn("Listener {} threw; ignored", listener.getClass().getName(), e);
      }
    }
  }
}
