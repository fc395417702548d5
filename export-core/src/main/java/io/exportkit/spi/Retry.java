package io.exportkit.spi;

import io.exportkit.internal.ControlCharacters;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a step of a delivery (connecting, opening the upload, committing) again after a transient
 * failure, with exponential backoff, a bounded number of times; a permanent failure is thrown at
 * once. Which failures are transient is the transport's to say. Immutable and thread-safe.
 */
public final class Retry {
  private static final Logger log = LoggerFactory.getLogger(Retry.class);

  /** One attempt of a step. */
  @FunctionalInterface
  public interface Step<T> {
    T run() throws IOException;
  }

  private final URI target;
  private final int maxAttempts;
  private final Duration backoff;
  private final Predicate<IOException> isTransient;
  private final Runnable beforeRetry;

  /**
   * @param target the destination, for messages and logs (it never holds a secret)
   * @param maxAttempts attempts in all, at least 1
   * @param backoff the wait before the second attempt; it doubles for each further one
   * @param isTransient whether a failure may go away when tried again
   * @param beforeRetry drops the broken connection, so that the next attempt starts cleanly
   */
  public Retry(URI target, int maxAttempts, Duration backoff, Predicate<IOException> isTransient, Runnable beforeRetry) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
    }
    this.target = Objects.requireNonNull(target, "target");
    this.maxAttempts = maxAttempts;
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.isTransient = Objects.requireNonNull(isTransient, "isTransient");
    this.beforeRetry = Objects.requireNonNull(beforeRetry, "beforeRetry");
  }

  /**
   * Runs {@code step} until it succeeds, fails permanently, or has been tried {@code maxAttempts}
   * times. A permanent failure, or the failure of a single attempt, is thrown as it is; after
   * several attempts the last failure is thrown, as the cause of one saying how many were made
   * ("sftp://host/out: connecting failed after 3 attempts: …"; the run's message shows the target
   * once). Each retry is logged at INFO: the failed run's message is its one WARN.
   *
   * @param what the step, for messages: "connecting", "commit"
   */
  public <T> T call(String what, Step<T> step) throws IOException {
    Duration delay = backoff;
    for (int attempt = 1; ; attempt++) {
      try {
        return step.run();
      } catch (IOException e) {
        if (!isTransient.test(e)) {
          throw e;
        }
        beforeRetry.run();
        if (attempt == maxAttempts) {
          throw attempt == 1 ? e
              : new IOException(target + ": " + what + " failed after " + attempt + " attempts: " + e.getMessage(), e);
        }
        log.info("{} to {} failed (attempt {}/{}); retrying in {} ms: {}", what, target, attempt, maxAttempts,
            delay.toMillis(), ControlCharacters.escape(e.toString()));
        sleep(delay);
        delay = delay.multipliedBy(2);
      }
    }
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
