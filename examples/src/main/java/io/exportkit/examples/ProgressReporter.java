package io.exportkit.examples;

import io.exportkit.event.ExportFailedEvent;
import io.exportkit.event.ExportListener;
import io.exportkit.event.ExportStartedEvent;
import io.exportkit.event.FileDeliveredEvent;
import io.exportkit.event.RowsWrittenEvent;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Shows a run's progress (rows, rows per second) on standard error: one line updated in place on
 * a terminal; elsewhere (logs, pipes) at most one line a second, then a summary line.
 */
final class ProgressReporter implements ExportListener {
  private static final long PLAIN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final PrintStream err;
  private final boolean terminal;
  private long startedNanos = System.nanoTime();
  private long printedNanos = startedNanos;
  private int lastWidth;

  ProgressReporter(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void exportStarted(ExportStartedEvent event) {
    startedNanos = System.nanoTime();
    printedNanos = startedNanos;
  }

  @Override
  public void rowsWritten(RowsWrittenEvent event) {
    long now = System.nanoTime();
    if (terminal) {
      overwrite(line("exporting", event.rows(), now));
    } else if (now - printedNanos >= PLAIN_EVERY_NANOS) {
      err.println(line("exporting", event.rows(), now));
      printedNanos = now;
    }
  }

  @Override
  public void fileDelivered(FileDeliveredEvent event) {
    finish(line("exported", event.run().rows(), System.nanoTime()));
  }

  @Override
  public void exportFailed(ExportFailedEvent event) {
    finish(line("failed after", event.run().rows(), System.nanoTime()));
  }

  private void finish(String line) {
    if (terminal) {
      overwrite(line);
      err.println();
    } else {
      err.println(line);
    }
  }

  /** Rewrites the terminal line, blanking what a longer previous line left behind. */
  private void overwrite(String line) {
    err.print('\r' + line + " ".repeat(Math.max(0, lastWidth - line.length())));
    err.flush();
    lastWidth = line.length();
  }

  private String line(String what, long rows, long now) {
    double seconds = Math.max(now - startedNanos, 1) / 1e9;
    return String.format(Locale.ROOT, "%s %,d rows in %.1f s (%,.0f rows/s)", what, rows, seconds, rows / seconds);
  }
}
