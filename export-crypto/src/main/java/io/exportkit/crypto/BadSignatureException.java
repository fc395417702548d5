package io.exportkit.crypto;

import java.util.Objects;

/**
 * A signature by a trusted key does not match the content (the content or the signature was
 * altered), or the key was not valid for signing when the signature was made.
 */
public class BadSignatureException extends EncryptionException {
  private static final long serialVersionUID = 1L;

  private final String signerFingerprint;

  public BadSignatureException(String signerFingerprint, String message) {
    super(message);
    this.signerFingerprint = Objects.requireNonNull(signerFingerprint, "signerFingerprint");
  }

  /** The fingerprint of the trusted key the signature claims, upper-case hex without spaces. */
  public String signerFingerprint() {
    return signerFingerprint;
  }
}
