package io.exportkit.transport.gcs;

import com.google.auth.Retryable;
import com.google.cloud.storage.StorageException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import org.jspecify.annotations.Nullable;

/**
 * Turns what the client throws into an {@link IOException} whose message names the object and says
 * what to fix; the pipeline's message names the destination already. Client messages hold no
 * credentials, and neither do ours.
 */
final class GcsFailures {

  private GcsFailures() {}

  /** {@code action} (e.g. "sending") on the object {@code name} failed with {@code e}. */
  static IOException of(Exception e, String action, String name, GcsOptions options) {
    StorageException storage = e instanceof StorageException s ? s
        : e.getCause() instanceof StorageException s ? s : null;
    String where = action + " " + name + " failed: ";
    if (storage == null) {
      return new IOException(where + e.getMessage(), e);
    }
    if (storage.getCode() == 412 || storage.getCause() instanceof FileAlreadyExistsException) {
      return taken(name, e);
    }
    // The auth library's failures (their class is package-private) are the ones that implement Retryable.
    if (storage.getCause() instanceof Retryable auth && !auth.isRetryable()) {
      return new IOException(where + "GCS refused the credentials: no access token could be had for them; check the"
          + " secret with role " + GcsTransportProvider.CREDENTIALS + " (a service-account JSON key) or the application"
          + " default credentials", e);
    }
    switch (storage.getCode()) {
      case 0:
        // No HTTP answer: the connection failed, was cut or timed out. The client says "Unknown Error"
        // for some of these; the first cause past the client's wrapping says what happened.
        return new IOException(where + "no answer from " + (options.host() == null ? "GCS" : options.host()) + " ("
            + innermost(storage) + "); check the destination's " + GcsOptions.HOST + " option and the network", e);
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

  /** The message of the first cause that is the client's own wrapping, e.g. a time-out or a refused connection. */
  private static String innermost(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause
        && (cause instanceof StorageException || cause.getMessage() == null
            || cause.getMessage().contains("StorageException"))) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  /** The object {@code name} exists, and the destination does not allow overwriting. */
  static FileAlreadyExistsException taken(String name, @Nullable Exception cause) {
    FileAlreadyExistsException taken = new FileAlreadyExistsException(name, null, "an object with this name exists;"
        + " change the naming template (e.g. add {run} or the time) or allow overwriting");
    taken.initCause(cause);
    return taken;
  }
}
