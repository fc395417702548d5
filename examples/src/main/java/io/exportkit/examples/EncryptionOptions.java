package io.exportkit.examples;

import io.exportkit.Encryption;
import io.exportkit.SecretRef;
import io.exportkit.SecretResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * OpenPGP encryption of the delivered file: {@code --encrypt-to} (repeatable), {@code --armor},
 * {@code --sign-with} and {@code --sign-passphrase-env}, turned into an {@link Encryption}. The
 * recipients' keys are {@code file:} URIs the crypto module reads; the signing key is read here and
 * handed over as the secret {@link #SIGNING_KEY}, as a host would keep it in its vault, and its
 * passphrase is an {@code env:NAME} reference.
 *
 * @param encryption the encryption, or {@code null} when {@code --encrypt-to} is not given
 * @param secrets the demo's resolver, which also knows the signing key when {@code --sign-with} is given
 */
record EncryptionOptions(@Nullable Encryption encryption, SecretResolver secrets) {

  static final Set<String> VALUED = Set.of("--encrypt-to", "--sign-with", "--sign-passphrase-env");
  static final Set<String> REPEATABLE = Set.of("--encrypt-to");
  static final Set<String> FLAGS = Set.of("--armor");

  /** The secret under which the signing key of {@code --sign-with} is known. */
  static final SecretRef SIGNING_KEY = SecretRef.of("demo:signing-key");

  /**
   * @throws IllegalArgumentException when a key file cannot be read, an option comes without the one
   *     it needs, or the passphrase variable is not set
   */
  static EncryptionOptions parse(CommandLine line, EnvironmentSecrets secrets) {
    List<String> recipients = line.values("--encrypt-to");
    if (recipients.isEmpty()) {
      for (String option : List.of("--armor", "--sign-with", "--sign-passphrase-env")) {
        if (line.has(option)) {
          throw new IllegalArgumentException(option + " applies to encrypted exports only: add --encrypt-to FILE");
        }
      }
      return new EncryptionOptions(null, secrets);
    }
    if (line.has("--sign-passphrase-env") && !line.has("--sign-with")) {
      throw new IllegalArgumentException("--sign-passphrase-env is the passphrase of --sign-with FILE: add it");
    }
    Encryption encryption = Encryption.to(recipients.stream()
            .map(file -> Path.of(CommandLine.readableFile("--encrypt-to", file)).toAbsolutePath().toUri().toString())
            .toArray(String[]::new))
        .withArmor(line.has("--armor"));
    Optional<String> signWith = line.value("--sign-with");
    if (signWith.isEmpty()) {
      return new EncryptionOptions(encryption, secrets);
    }
    String signingKey = read("--sign-with", signWith.get());
    SecretRef passphrase = line.value("--sign-passphrase-env")
        .map(variable -> secrets.require("--sign-passphrase-env", variable))
        .orElse(null);
    SecretResolver withKey = ref -> ref.equals(SIGNING_KEY) ? Optional.of(signingKey) : secrets.resolve(ref);
    return new EncryptionOptions(encryption.signedWith(SIGNING_KEY, passphrase), withKey);
  }

  private static String read(String option, String file) {
    try {
      return Files.readString(Path.of(CommandLine.readableFile(option, file)));
    } catch (IOException e) {
      throw new IllegalArgumentException(option + " " + file + ": cannot read it as an armored secret key (" + e.getMessage()
          + "); export one with gpg --armor --export-secret-keys", e);
    }
  }
}
