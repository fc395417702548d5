package io.exportkit.crypto;

import org.jspecify.annotations.Nullable;

/**
 * The message was altered, damaged or truncated after it was encrypted (its integrity check failed), or it
 * carries no integrity protection at all (the legacy "Symmetrically Encrypted Data" packet), which
 * is refused. Its content must not be used.
 */
public class IntegrityException extends EncryptionException {
  private static final long serialVersionUID = 1L;

  public IntegrityException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
