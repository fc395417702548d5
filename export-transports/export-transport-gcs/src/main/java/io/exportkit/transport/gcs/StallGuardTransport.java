package io.exportkit.transport.gcs;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import com.google.api.client.util.StreamingContent;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client's HTTP transport over the JDK's {@link HttpURLConnection}, as google-http-client's
 * {@code NetHttpTransport}, except that a request which makes no progress for the read timeout
 * until its answer arrives (no byte of its body sent, or no answer after the last one) is cut off.
 * The socket's read timeout covers only waiting for an answer; a store that stops reading a chunk
 * would otherwise block the write for ever. The cut fails the request with an I/O error, which the
 * client retries (resuming at the offset GCS confirms). Thread-safe; one watchdog thread, ended by
 * {@link #shutdown()}.
 */
final class StallGuardTransport extends HttpTransport {
  private static final Set<String> METHODS = Set.of("DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT", "TRACE");
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Duration timeout;
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "exportkit-gcs-watchdog-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });

  StallGuardTransport(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public boolean supportsMethod(String method) {
    return METHODS.contains(method);
  }

  @Override
  protected LowLevelHttpRequest buildRequest(String method, String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
    connection.setRequestMethod(method);
    // GCS answers 308 to a chunk of a resumable upload: the client reads it, it is no redirect.
    connection.setInstanceFollowRedirects(false);
    return new Request(connection);
  }

  @Override
  public void shutdown() {
    watchdog.shutdownNow();
  }

  @Override
  public boolean isShutdown() {
    return watchdog.isShutdown();
  }

  private final class Request extends LowLevelHttpRequest {
    private final HttpURLConnection connection;
    private volatile long lastProgress;
    private volatile boolean stalled;

    Request(HttpURLConnection connection) {
      this.connection = connection;
    }

    @Override
    public void addHeader(String name, String value) {
      connection.addRequestProperty(name, value);
    }

    @Override
    public void setTimeout(int connectTimeout, int readTimeout) {
      connection.setConnectTimeout(connectTimeout);
      connection.setReadTimeout(readTimeout);
    }

    @Override
    public LowLevelHttpResponse execute() throws IOException {
      lastProgress = System.nanoTime();
      long period = Math.max(TimeUnit.MILLISECONDS.toNanos(100), timeout.toNanos() / 10);
      ScheduledFuture<?> check = watchdog.scheduleWithFixedDelay(() -> {
        if (System.nanoTime() - lastProgress > timeout.toNanos() && !stalled) {
          stalled = true;
          connection.disconnect(); // closes the socket, which ends a blocked write or read
        }
      }, period, period, TimeUnit.NANOSECONDS);
      try {
        send();
        return new Response(connection);
      } catch (IOException e) {
        if (stalled) {
          // A time-out, which the client retries as it does its own read time-outs.
          SocketTimeoutException stall = new SocketTimeoutException("no progress for " + timeout + ": the store stopped"
              + " reading the request or did not answer it (option " + GcsOptions.READ_TIMEOUT + ")");
          stall.initCause(e);
          throw stall;
        }
        throw e;
      } finally {
        check.cancel(false);
      }
    }

    private void send() throws IOException {
      StreamingContent content = getStreamingContent();
      if (content == null) {
        connection.connect();
        return;
      }
      if (getContentType() != null) {
        connection.addRequestProperty("Content-Type", getContentType());
      }
      if (getContentEncoding() != null) {
        connection.addRequestProperty("Content-Encoding", getContentEncoding());
      }
      long length = getContentLength();
      connection.setDoOutput(true);
      if (length >= 0) {
        connection.setFixedLengthStreamingMode(length);
      } else {
        connection.setChunkedStreamingMode(0);
      }
      try (OutputStream out = new FilterOutputStream(connection.getOutputStream()) {
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
          lastProgress = System.nanoTime();
        }
      }) {
        content.writeTo(out);
      }
    }
  }

  /** An answer: status and headers read at once, the body when asked for. */
  private static final class Response extends LowLevelHttpResponse {
    private final HttpURLConnection connection;
    private final int status;
    private final String reason;
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    Response(HttpURLConnection connection) throws IOException {
      this.connection = connection;
      this.status = connection.getResponseCode();
      this.reason = connection.getResponseMessage();
      for (int i = 0; connection.getHeaderField(i) != null; i++) {
        String name = connection.getHeaderFieldKey(i);
        if (name != null) {
          names.add(name);
          values.add(connection.getHeaderField(i));
        }
      }
    }

    @Override
    public InputStream getContent() throws IOException {
      try {
        return connection.getInputStream();
      } catch (IOException e) {
        return connection.getErrorStream();
      }
    }

    @Override
    public String getContentEncoding() {
      return connection.getContentEncoding();
    }

    @Override
    public long getContentLength() {
      return connection.getContentLengthLong();
    }

    @Override
    public String getContentType() {
      return connection.getContentType();
    }

    @Override
    public String getStatusLine() {
      return connection.getHeaderField(0);
    }

    @Override
    public int getStatusCode() {
      return status;
    }

    @Override
    public String getReasonPhrase() {
      return reason;
    }

    @Override
    public int getHeaderCount() {
      return names.size();
    }

    @Override
    public String getHeaderName(int index) {
      return names.get(index);
    }

    @Override
    public String getHeaderValue(int index) {
      return values.get(index);
    }

    @Override
    public void disconnect() {
      connection.disconnect();
    }
  }
}
