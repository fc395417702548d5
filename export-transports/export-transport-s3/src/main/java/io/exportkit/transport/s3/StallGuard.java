package io.exportkit.transport.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * An HTTP client that aborts a request which makes no progress for the read timeout until its
 * answer arrives: no byte of its body taken, or no answer after the last one. The socket's read
 * timeout covers only waiting for an answer; a store that stops reading the body would otherwise
 * block the write for ever. An aborted request fails with an I/O error, which the SDK retries.
 * Thread-safe; one watchdog thread, ended by {@link #close()}.
 */
final class StallGuard implements SdkHttpClient {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final SdkHttpClient delegate;
  private final long timeoutNanos;
  private final Duration timeout;
  private final ScheduledExecutorService watchdog;

  StallGuard(SdkHttpClient delegate, Duration timeout) {
    this.delegate = delegate;
    this.timeout = timeout;
    this.timeoutNanos = timeout.toNanos();
    this.watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "exportkit-s3-watchdog-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Builds the guard around the client {@code delegate} builds, so that the SDK closes both with its client. */
  static final class Builder implements SdkHttpClient.Builder<Builder> {
    private final SdkHttpClient.Builder<?> delegate;
    private final Duration timeout;

    Builder(SdkHttpClient.Builder<?> delegate, Duration timeout) {
      this.delegate = delegate;
      this.timeout = timeout;
    }

    @Override
    public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
      return new StallGuard(delegate.buildWithDefaults(serviceDefaults), timeout);
    }
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    Progress progress = new Progress();
    HttpExecuteRequest watched = request.contentStreamProvider()
        .map(body -> HttpExecuteRequest.builder().request(request.httpRequest())
            .metricCollector(request.metricCollector().orElse(null))
            .contentStreamProvider(watch(body, progress)).build())
        .orElse(request);
    ExecutableHttpRequest call = delegate.prepareRequest(watched);
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        progress.made();
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(100), timeoutNanos / 10);
        ScheduledFuture<?> check = watchdog.scheduleWithFixedDelay(() -> {
          if (progress.idleNanos() > timeoutNanos && !progress.stalled) {
            progress.stalled = true;
            call.abort();
          }
        }, period, period, TimeUnit.NANOSECONDS);
        try {
          return call.call();
        } catch (IOException e) {
          if (progress.stalled) {
            throw new IOException("no progress for " + timeout + ": the store stopped reading the request or did not"
                + " answer it (option " + S3Options.READ_TIMEOUT + ")", e);
          }
          throw e;
        } finally {
          check.cancel(false);
        }
      }

      @Override
      public void abort() {
        call.abort();
      }
    };
  }

  private static ContentStreamProvider watch(ContentStreamProvider body, Progress progress) {
    return new ContentStreamProvider() {
      @Override
      public InputStream newStream() {
        return new FilterInputStream(body.newStream()) {
          @Override
          public int read() throws IOException {
            int b = super.read();
            progress.made();
            return b;
          }

          @Override
          public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            progress.made();
            return n;
          }
        };
      }

      @Override
      public String name() {
        return body.name();
      }
    };
  }

  @Override
  public String clientName() {
    return delegate.clientName();
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
    delegate.close();
  }

  /** When a request last made progress, and whether the watchdog ended it. */
  private static final class Progress {
    private volatile long lastNanos = System.nanoTime();
    volatile boolean stalled;

    void made() {
      lastNanos = System.nanoTime();
    }

    long idleNanos() {
      return System.nanoTime() - lastNanos;
    }
  }
}
