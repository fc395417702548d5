package io.exportkit.crypto;

import io.exportkit.ExportException;
import org.jspecify.annotations.Nullable;

/**
 * An OpenPGP failure a host should handle: a key that cannot be used, a message that cannot be
 * decrypted or verified. Its subclasses tell the cases apart; this class itself is thrown for the
 * rest, such as input that is not an OpenPGP message. Messages name keys by fingerprint or key ID,
 * never by a secret.
 */
public class EncryptionException extends ExportException {
  private static final long serialVersionUID = 1L;

  public EncryptionException(String message) {
    super(message);
  }

  public EncryptionException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
