package io.exportkit.transport.ftp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a step of a delivery again after a transient failure (refused or dropped connection,
 * timeout, FTP 4xx reply), with exponential backoff, a bounded number of times. Permanent failures
 * (login refused, certificate refused, 5xx) are thrown at once.
 */
final class Retry {
  private static final Logger log = LoggerFactory.getLogger(Retry.class);

  interface Step<T> {
    T run() throws IOException;
  }

  private final URI target;
  private final int maxAttempts;
  private final Duration backoff;
  private final Runnable beforeRetry;

  /** {@code beforeRetry} drops the broken connection, so that the next attempt starts cleanly. */
  Retry(URI target, int maxAttempts, Duration backoff, Runnable beforeRetry) {
    this.target = target;
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
    this.beforeRetry = beforeRetry;
  }

  <T> T call(String what, Step<T> step) throws IOException {
    Duration delay = backoff;
    for (int attempt = 1; ; attempt++) {
      try {
        return step.run();
      } catch (IOException e) {
        if (!isTransient(e)) {
          throw e;
        }
        beforeRetry.run();
        if (attempt == maxAttempts) {
          throw new IOException(target + ": " + what + " failed after " + attempt + " attempts: " + e.getMessage(), e);
        }
        log.warn("{} to {} failed (attempt {}/{}); retrying in {} ms: {}", what, target, attempt, maxAttempts,
            delay.toMillis(), e.toString());
        sleep(delay);
        delay = delay.multipliedBy(2);
      }
    }
  }

  static boolean isTransient(IOException e) {
    if (e instanceof FtpReplyException reply) {
      return reply.code() >= 400 && reply.code() < 500;
    }
    if (e instanceof SSLException) {
      // A certificate refused during the handshake is permanent; a connection lost during it is not.
      return e.getCause() instanceof SocketException || e.getCause() instanceof EOFException;
    }
    return e instanceof FTPConnectionClosedException || e instanceof ConnectException || e instanceof SocketTimeoutException
        || e instanceof SocketException || e instanceof EOFException;
  }

  private static void sleep(Duration delay) throws InterruptedIOException {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }
}
