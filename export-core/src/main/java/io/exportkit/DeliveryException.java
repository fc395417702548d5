package io.exportkit;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * A transport could not deliver the file. Nothing partial is left visible at the destination.
 * The message names the destination, never a secret.
 */
public class DeliveryException extends ExportException {
  private static final long serialVersionUID = 1L;

  private final String transportId;
  private final URI target;

  public DeliveryException(String transportId, URI target, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.transportId = transportId;
    this.target = target;
  }

  public String transportId() {
    return transportId;
  }

  /** The destination URI (which never holds a password). */
  public URI target() {
    return target;
  }
}
