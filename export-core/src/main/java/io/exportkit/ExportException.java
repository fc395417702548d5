package io.exportkit;

import org.jspecify.annotations.Nullable;

/**
 * Root of the failures a host should handle (as opposed to programming errors, which are the JDK's
 * {@code NullPointerException}, {@code IllegalArgumentException} and {@code IllegalStateException}).
 * Unchecked, so that it travels through schedulers and lambdas. Messages never hold a secret.
 */
public class ExportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ExportException(String message) {
    super(message);
  }

  public ExportException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
