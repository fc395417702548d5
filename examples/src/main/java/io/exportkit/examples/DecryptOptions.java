package io.exportkit.examples;

import io.exportkit.SecretRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether to decrypt an incoming file instead of exporting: {@code --decrypt IN --secret-key FILE
 * [--passphrase-env VAR] [--verify-with FILE] --out OUT}. It exports nothing, so any other option
 * is refused rather than silently ignored.
 *
 * @param in the OpenPGP message to decrypt
 * @param secretKey the secret key file to decrypt with
 * @param passphrase the secret key's passphrase, as an {@code env:NAME} reference; {@code null} when unprotected
 * @param verifyWith the trusted public key file whose signature is required; {@code null} for none
 * @param out where the plaintext goes
 */
record DecryptOptions(Path in, Path secretKey, @Nullable SecretRef passphrase, @Nullable Path verifyWith, Path out) {

  static final Set<String> VALUED = Set.of("--decrypt", "--secret-key", "--passphrase-env", "--verify-with", "--out");

  /**
   * The options of {@code --decrypt}, or {@code null} when it is not given.
   *
   * @throws IllegalArgumentException when {@code --decrypt} comes with an option that does not
   *     apply to it or without one it needs, one of its options comes without it, a file cannot be
   *     read, or the passphrase variable is not set
   */
  static @Nullable DecryptOptions parse(CommandLine line, EnvironmentSecrets secrets) {
    if (!line.has("--decrypt")) {
      VALUED.stream().filter(line::has).sorted().findFirst().ifPresent(option -> {
        throw new IllegalArgumentException(option + " applies to --decrypt FILE only");
      });
      return null;
    }
    List<String> others = line.options().stream().filter(option -> !VALUED.contains(option)).sorted().toList();
    if (!others.isEmpty()) {
      throw new IllegalArgumentException("--decrypt decrypts a file and exports nothing: " + String.join(", ", others)
          + (others.size() == 1 ? " does" : " do") + " not apply to it; it takes --secret-key, --passphrase-env,"
          + " --verify-with and --out only");
    }
    for (String needed : List.of("--secret-key", "--out")) {
      if (!line.has(needed)) {
        throw new IllegalArgumentException("--decrypt needs " + needed + " FILE");
      }
    }
    return new DecryptOptions(
        file(line, "--decrypt"),
        file(line, "--secret-key"),
        line.value("--passphrase-env").map(variable -> secrets.require("--passphrase-env", variable)).orElse(null),
        line.value("--verify-with").map(value -> Path.of(CommandLine.readableFile("--verify-with", value))).orElse(null),
        Path.of(line.value("--out").orElseThrow()));
  }

  private static Path file(CommandLine line, String option) {
    return Path.of(CommandLine.readableFile(option, line.value(option).orElseThrow()));
  }
}
