package io.exportkit.crypto;

import java.util.Objects;

/** A secret key is protected by a passphrase, and the one given does not unlock it (or none was given). */
public class WrongPassphraseException extends EncryptionException {
  private static final long serialVersionUID = 1L;

  private final String fingerprint;

  public WrongPassphraseException(String fingerprint, String message) {
    super(message);
    this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
  }

  /** The fingerprint of the key that stayed locked, upper-case hex without spaces. */
  public String fingerprint() {
    return fingerprint;
  }
}
