package io.exportkit;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * OpenPGP encryption of the delivered file. Needs the {@code export-crypto} module on the
 * classpath, which provides the {@code openpgp} output stage.
 *
 * @param recipients the recipients' public keys: armored key material, a {@code file:} URI of a
 *     key file (armored or binary), or a name the host's {@link SecretResolver} resolves to an
 *     armored key
 * @param armor ASCII-armored output ({@code .asc}) instead of binary ({@code .gpg})
 * @param signingKey the host's secret key to sign with, by reference; {@code null} for no signature
 * @param signingPassphrase the signing key's passphrase, by reference; {@code null} when unprotected
 */
public record Encryption(List<String> recipients, boolean armor, @Nullable SecretRef signingKey, @Nullable SecretRef signingPassphrase) {
  public Encryption {
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("encryption needs at least one recipient key");
    }
    if (signingPassphrase != null && signingKey == null) {
      throw new IllegalArgumentException("a signing passphrase was given without a signing key");
    }
  }

  /** Binary output to {@code recipients}, unsigned. */
  public static Encryption to(String... recipients) {
    return new Encryption(List.of(recipients), false, null, null);
  }

  public Encryption withArmor(boolean armor) {
    return new Encryption(recipients, armor, signingKey, signingPassphrase);
  }

  public Encryption signedWith(SecretRef key, @Nullable SecretRef passphrase) {
    return new Encryption(recipients, armor, Objects.requireNonNull(key, "key"), passphrase);
  }
}
