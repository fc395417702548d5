package io.exportkit.examples;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the file goes and how to log in there: {@code --to} and the credential and trust options of
 * FTP, FTPS and SFTP, turned into a {@link Destination}. Secrets travel as {@code env:NAME}
 * references, resolved by {@link EnvironmentSecrets} when the transport connects.
 *
 * @param insecure whether {@code --insecure-trust-all} turned the server's TLS or host key check off
 */
record DeliveryOptions(Destination destination, boolean insecure) {

  static final String DEFAULT_DESTINATION = "file:exports";
  static final Set<String> VALUED = Set.of("--to", "--password-env", "--identity", "--identity-passphrase-env",
      "--known-hosts", "--host-key-fingerprint", "--ca-cert");
  static final Set<String> FLAGS = Set.of("--insecure-trust-all");

  private static final String INSECURE = "--insecure-trust-all";

  /** The destinations each credential and trust option applies to, in the order the help lists them. */
  private static final Map<String, List<String>> SCHEMES = schemes();

  /** Destinations of transports this version does not ship, and the feature each belongs to. */
  private static final Map<String, String> LATER_SCHEMES = Map.of("s3", "S3 delivery", "gs", "Google Cloud Storage delivery");

  /**
   * @throws IllegalArgumentException when {@code --to} is not a URI the demo delivers to, an option
   *     does not apply to its scheme, a file option names no file, or an environment variable is
   *     not set
   */
  static DeliveryOptions parse(CommandLine line, EnvironmentSecrets secrets) {
    Destination destination = destination(line.value("--to").orElse(DEFAULT_DESTINATION));
    String scheme = destination.scheme();
    for (Map.Entry<String, List<String>> option : SCHEMES.entrySet()) {
      if (line.has(option.getKey()) && !option.getValue().contains(scheme)) {
        throw new IllegalArgumentException(option.getKey() + " applies to " + String.join(", ", option.getValue())
            + " destinations, not to " + scheme + ":");
      }
    }
    if (List.of("ftp", "ftps").contains(scheme) && !line.has("--password-env")) {
      throw new IllegalArgumentException("--to " + scheme
          + "://… needs --password-env VAR: the environment variable that holds the password");
    }
    if (scheme.equals("sftp") && !line.has("--password-env") && !line.has("--identity")) {
      throw new IllegalArgumentException("--to sftp://… needs a way to log in: --password-env VAR or --identity FILE");
    }
    if (line.has("--password-env")) {
      destination = destination.withSecret("password", secret(line, "--password-env", secrets));
    }
    if (line.has("--identity")) {
      destination = destination.withOption("privateKeyFile", file(line, "--identity"));
    }
    if (line.has("--identity-passphrase-env")) {
      destination = destination.withSecret("privateKeyPassphrase", secret(line, "--identity-passphrase-env", secrets));
    }
    if (line.has("--known-hosts")) {
      destination = destination.withOption("knownHosts", file(line, "--known-hosts"));
    }
    if (line.has("--host-key-fingerprint")) {
      destination = destination.withOption("hostKeyFingerprint", line.value("--host-key-fingerprint").orElseThrow());
    }
    if (line.has("--ca-cert")) {
      destination = destination.withOption("caCert", file(line, "--ca-cert"));
    }
    boolean insecure = line.has(INSECURE);
    if (insecure) {
      destination = destination.withOption(scheme.equals("sftp") ? "insecureAcceptAnyHostKey" : "insecureTrustAll", "true");
    }
    return new DeliveryOptions(destination, insecure);
  }

  /** The warning {@code --insecure-trust-all} prints on standard error. */
  String insecureWarning() {
    String check = destination.scheme().equals("sftp")
        ? "the server's host key is not checked" : "the server's TLS certificate is not checked";
    return "warning: " + INSECURE + ": " + check + ", so anyone on the network path could pose as the server "
        + "and receive the file and the credentials. Use it with test servers only.";
  }

  private static Map<String, List<String>> schemes() {
    Map<String, List<String>> schemes = new LinkedHashMap<>();
    schemes.put("--password-env", List.of("ftp", "ftps", "sftp"));
    schemes.put("--identity", List.of("sftp"));
    schemes.put("--identity-passphrase-env", List.of("sftp"));
    schemes.put("--known-hosts", List.of("sftp"));
    schemes.put("--host-key-fingerprint", List.of("sftp"));
    schemes.put("--ca-cert", List.of("ftps"));
    schemes.put(INSECURE, List.of("ftps", "sftp"));
    return schemes;
  }

  private static Destination destination(String value) {
    Destination destination;
    try {
      destination = Destination.of(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--to must be a URI such as file:exports, sftp://user@host/folder or "
          + "ftps://user@host/folder: " + e.getMessage(), e);
    }
    String feature = LATER_SCHEMES.get(destination.scheme());
    if (feature != null) {
      throw CommandLine.notAvailable("--to " + destination.scheme() + "://…", feature);
    }
    return destination;
  }

  private static SecretRef secret(CommandLine line, String option, EnvironmentSecrets secrets) {
    return secrets.require(option, line.value(option).orElseThrow());
  }

  /** The value of {@code option}, once it is known to name a readable file. */
  private static String file(CommandLine line, String option) {
    String value = line.value(option).orElseThrow();
    try {
      if (Files.isReadable(Path.of(value)) && !Files.isDirectory(Path.of(value))) {
        return value;
      }
    } catch (InvalidPathException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " " + value + ": no such readable file");
  }
}
