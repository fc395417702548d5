package io.exportkit.crypto;

import java.util.Objects;

/**
 * A key was refused: it is expired, revoked, or cannot do what it is needed for (a sign-only key
 * given as a recipient). The message names the key's fingerprint, the reason and the fix.
 */
public class UnusableKeyException extends EncryptionException {
  private static final long serialVersionUID = 1L;

  /** Why a key was refused. */
  public enum Reason {
    /** The key, or every subkey able to do the job, has expired. */
    EXPIRED,
    /** The key, or every subkey able to do the job, was revoked by its owner. */
    REVOKED,
    /** The key has no subkey that may encrypt: a sign-only key. */
    NOT_FOR_ENCRYPTION,
    /** The key has no subkey that may sign. */
    NOT_FOR_SIGNING
  }

  private final String fingerprint;
  private final Reason reason;

  public UnusableKeyException(String fingerprint, Reason reason, String message) {
    super(message);
    this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The refused key's fingerprint, upper-case hex without spaces. */
  public String fingerprint() {
    return fingerprint;
  }

  public Reason reason() {
    return reason;
  }
}
