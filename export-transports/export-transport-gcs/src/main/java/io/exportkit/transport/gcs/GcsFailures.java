package io.exportkit.transport.gcs;

import com.google.auth.Retryable;
import com.google.cloud.storage.StorageException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;

/**
 * Turns what the client throws into an {@link IOException} whose message names the object and says
 * what to fix. Client messages hold no credentials, and neither do ours.
 */
final class GcsFailures {

  private GcsFailures() {}

  /** {@code action} (e.g. "sending") on {@code location} failed with {@code e}. */
  static IOException of(Exception e, String action, URI location, GcsOptions options) {
    StorageException storage = e instanceof StorageException s ? s
        : e.getCause() instanceof StorageException s ? s : null;
    String where = action + " " + location + " failed: ";
    if (storage == null) {
      return new IOException(where + e.getMessage(), e);
    }
    if (storage.getCode() == 412 || storage.getCause() instanceof FileAlreadyExistsException) {
      IOException taken = new FileAlreadyExistsException(location.toString(), null, "an object with this name"
          + " exists; change the naming template (e.g. add {seq} or {run}) or allow overwriting");
      taken.initCause(e);
      return taken;
    }
    // The auth library's failures (their class is package-private) are the ones that implement Retryable.
    if (storage.getCause() instanceof Retryable auth && !auth.isRetryable()) {
      return new IOException(where + "GCS refused the credentials: no access token could be had for them; check the"
          + " secret with role " + GcsTransportProvider.CREDENTIALS + " (a service-account JSON key) or the application"
          + " default credentials", e);
    }
    switch (storage.getCode()) {
      case 401:
        return new IOException(where + "GCS refused the credentials; check the secret with role "
            + GcsTransportProvider.CREDENTIALS + " (a service-account JSON key) or the application default credentials",
            e);
      case 403:
        return new IOException(where + "access denied (" + storage.getMessage() + "); the account needs"
            + " storage.objects.create, storage.objects.get and storage.objects.delete on the bucket", e);
      case 404:
        return new IOException(where + "bucket '" + options.bucket() + "' does not exist"
            + (options.host() == null ? "" : " at " + options.host()) + "; create it or fix the destination", e);
      default:
        return new IOException(where + (storage.getCode() > 0 ? "HTTP " + storage.getCode() + ": " : "")
            + storage.getMessage(), e);
    }
  }
}
