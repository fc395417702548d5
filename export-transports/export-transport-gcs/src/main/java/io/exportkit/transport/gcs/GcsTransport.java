package io.exportkit.transport.gcs;

import com.google.api.client.http.HttpTransport;
import java.io.Closeable;
import org.jspecify.annotations.Nullable;
import com.google.cloud.storage.Storage;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import java.io.IOException;
import java.util.Objects;

/** A bucket and prefix reached through one client, for one run. Not thread-safe. */
final class GcsTransport implements Transport {
  private final Storage storage;
  private final boolean ownsClient;
  private final GcsOptions options;
  private final boolean overwrite;
  private final @Nullable HttpTransport http;

  /** {@code http}: the HTTP transport of a client this transport owns, shut down with it; else null. */
  GcsTransport(Storage storage, boolean ownsClient, GcsOptions options, boolean overwrite,
      @Nullable HttpTransport http) {
    this.storage = storage;
    this.http = http;
    this.ownsClient = ownsClient;
    this.options = options;
    this.overwrite = overwrite;
  }

  @Override
  public Upload upload(String fileName) {
    Objects.requireNonNull(fileName, "fileName");
    return new GcsUpload(storage, options, fileName, overwrite);
  }

  /** Closes the client unless the host handed it over. */
  @Override
  public void close() throws IOException {
    if (!ownsClient) {
      return;
    }
    try (Closeable stopWatchdog = () -> {
      if (http != null) {
        http.shutdown();
      }
    }) {
      storage.close();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("closing the GCS client failed", e);
    }
  }
}
