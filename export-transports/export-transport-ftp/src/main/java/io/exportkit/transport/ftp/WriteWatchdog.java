package io.exportkit.transport.ftp;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds how long one write to a socket may block. A socket's read timeout does not cover writes,
 * so a server that stops reading the data connection would hold the upload forever. One shared
 * daemon thread looks at each watched socket now and then, and closes (with a reset) a socket
 * whose write has not returned within the timeout, which makes that write fail. The thread ends
 * when nothing has been watched for a second. Thread-safe.
 */
final class WriteWatchdog {
  private static final Logger log = LoggerFactory.getLogger(WriteWatchdog.class);
  private static final long IDLE = Long.MIN_VALUE;
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private WriteWatchdog() {
  }

  /** Starts watching the writes to {@code socket}; close the watch when the socket is done with. */
  static Watch watch(Socket socket, Duration timeout) {
    return new Watch(socket, timeout);
  }

  /** The writes to one socket. Each write runs between {@link #begin()} and {@link #end()}. */
  static final class Watch implements AutoCloseable {
    private final Socket socket;
    private final Duration timeout;
    private final ScheduledFuture<?> check;
    private volatile long writingSince = IDLE;
    private volatile boolean expired;

    private Watch(Socket socket, Duration timeout) {
      this.socket = socket;
      this.timeout = timeout;
      long period = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
      this.check = TIMER.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    void begin() {
      writingSince = System.nanoTime();
    }

    void end() {
      writingSince = IDLE;
    }

    /** Whether a write outlasted the timeout, so that the socket was closed under it. */
    boolean expired() {
      return expired;
    }

    /** The failure to report for a write that failed because the socket was closed under it. */
    IOException timedOut(IOException cause) {
      IOException failure = new java.net.SocketTimeoutException("the server took no data for " + seconds(timeout)
          + " s (readTimeout " + timeout + "): it stopped reading the upload");
      failure.initCause(cause);
      return failure;
    }

    @Override
    public void close() {
      check.cancel(false);
    }

    private void check() {
      long since = writingSince;
      if (since == IDLE || System.nanoTime() - since < timeout.toNanos()) {
        return;
      }
      expired = true;
      check.cancel(false);
      try {
        socket.setSoLinger(true, 0); // a reset: nothing more waits to be sent, nor for the lock of a blocked TLS write
        socket.close();
      } catch (IOException e) {
        log.debug("Closing a stalled socket failed", e);
      }
    }

    private static String seconds(Duration duration) {
      return duration.toMillis() % 1000 == 0 ? String.valueOf(duration.toSeconds()) : String.valueOf(duration.toMillis() / 1000.0);
    }
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "exportkit-ftp-write-watchdog");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
    timer.setKeepAliveTime(1, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
    return timer;
  }
}
