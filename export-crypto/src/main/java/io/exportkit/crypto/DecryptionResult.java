package io.exportkit.crypto;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What decrypting one message found.
 *
 * @param fileName the file name the sender stored in the message (informational: never use it as
 *     a path without sanitising it); empty when none
 * @param size bytes of plaintext released
 * @param keyFingerprint the fingerprint of the secret key that decrypted it (its primary key)
 * @param signerFingerprint the fingerprint of the trusted key whose signature was verified;
 *     {@code null} when no trusted keys were given
 */
public record DecryptionResult(String fileName, long size, String keyFingerprint, @Nullable String signerFingerprint) {
  public DecryptionResult {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(keyFingerprint, "keyFingerprint");
  }
}
