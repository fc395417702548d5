package io.exportkit.crypto.internal;

import java.util.Date;
import java.util.Objects;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentKey;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.jspecify.annotations.Nullable;

/**
 * An unlocked signing subkey.
 *
 * @param key the subkey's public part
 * @param privateKey its private part, unlocked
 */
public record Signer(OpenPGPComponentKey key, PGPPrivateKey privateKey) {
  public Signer {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  /**
   * The newest valid signing subkey of {@code material}'s first key, unlocked.
   *
   * @throws io.exportkit.crypto.EncryptionException when the key cannot be read, used or unlocked
   */
  public static Signer of(byte[] material, char @Nullable [] passphrase, Date at) {
    OpenPGPKey key = Keys.readSecretKeys(material, "the signing key").get(0);
    OpenPGPComponentKey signing = Keys.usableKey(key, Keys.Purpose.SIGN, at);
    return new Signer(signing, Keys.unlock(key, signing, passphrase).getPrivateKey());
  }

  @Override
  public String toString() {
    return "Signer[" + Keys.fingerprint(key) + "]";
  }
}
