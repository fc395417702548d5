package io.exportkit.examples;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.transport.s3.S3TransportProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the file goes and how to log in there: {@code --to} and the credential and trust options of
 * FTP, FTPS and SFTP, turned into a {@link Destination}. Secrets travel as {@code env:NAME}
 * references, resolved by {@link EnvironmentSecrets} when the transport connects. An {@code s3://}
 * or {@code gs://} destination takes its settings from the URI's query, which the transport reads;
 * S3 credentials come from the AWS variables ({@link #AWS_ACCESS_KEY_ID}…), GCS ones from the
 * application default credentials.
 *
 * @param insecure whether {@code --insecure-trust-all} turned the server's TLS or host key check off
 */
record DeliveryOptions(Destination destination, boolean insecure) {

  static final String DEFAULT_DESTINATION = "file:exports";
  static final Set<String> VALUED = Set.of("--to", "--password-env", "--identity", "--identity-passphrase-env",
      "--known-hosts", "--host-key-fingerprint", "--ca-cert");
  static final Set<String> FLAGS = Set.of("--insecure-trust-all");

  static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  static final String AWS_SESSION_TOKEN = "AWS_SESSION_TOKEN";

  private static final String INSECURE = "--insecure-trust-all";

  /** The destinations each credential and trust option applies to, in the order the help lists them. */
  private static final Map<String, List<String>> SCHEMES = schemes();

  /** Where the destinations that take no credential option find their credentials. */
  private static final Map<String, String> OWN_CREDENTIALS = Map.of(
      "s3", "S3 reads its credentials from " + AWS_ACCESS_KEY_ID + ", " + AWS_SECRET_ACCESS_KEY + " and "
          + AWS_SESSION_TOKEN + ", else from the AWS profile or role",
      "gs", "GCS uses the application default credentials, GOOGLE_APPLICATION_CREDENTIALS naming a service-account"
          + " key file, and none with host=");

  /**
   * @throws IllegalArgumentException when {@code --to} is not a URI the demo delivers to, an option
   *     does not apply to its scheme, a file option names no file, an environment variable is
   *     not set, or only one of the AWS key variables is
   */
  static DeliveryOptions parse(CommandLine line, EnvironmentSecrets secrets) {
    Destination destination = destination(line.value("--to").orElse(DEFAULT_DESTINATION));
    String scheme = destination.scheme();
    for (Map.Entry<String, List<String>> option : SCHEMES.entrySet()) {
      if (line.has(option.getKey()) && !option.getValue().contains(scheme)) {
        String credentials = OWN_CREDENTIALS.get(scheme);
        throw new IllegalArgumentException(option.getKey() + " applies to " + String.join(", ", option.getValue())
            + " destinations, not to " + scheme + ":" + (credentials == null ? "" : " (" + credentials + ")"));
      }
    }
    if (scheme.equals("s3")) {
      destination = awsCredentials(destination, secrets);
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
    try {
      return Destination.of(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--to must be a URI such as file:exports, sftp://user@host/folder or "
          + "s3://bucket/folder: " + e.getMessage(), e);
    }
  }

  /**
   * The AWS variables as the destination's secrets, so that they are read through the demo's
   * environment like every other secret. Without them the SDK's default chain (profile, role) applies.
   * A blank one counts as not set, as it does for the SDK.
   */
  private static Destination awsCredentials(Destination destination, EnvironmentSecrets secrets) {
    Optional<SecretRef> id = secrets.ifNotBlank(AWS_ACCESS_KEY_ID);
    Optional<SecretRef> key = secrets.ifNotBlank(AWS_SECRET_ACCESS_KEY);
    if (id.isPresent() != key.isPresent()) {
      throw new IllegalArgumentException("--to s3://…: " + (id.isPresent() ? AWS_ACCESS_KEY_ID : AWS_SECRET_ACCESS_KEY)
          + " is set but " + (id.isPresent() ? AWS_SECRET_ACCESS_KEY : AWS_ACCESS_KEY_ID) + " is not; set both, or"
          + " neither to use the AWS profile or role");
    }
    if (id.isEmpty()) {
      return destination;
    }
    Destination withKeys = destination.withSecret(S3TransportProvider.ACCESS_KEY_ID, id.get())
        .withSecret(S3TransportProvider.SECRET_ACCESS_KEY, key.get());
    return secrets.ifNotBlank(AWS_SESSION_TOKEN)
        .map(token -> withKeys.withSecret(S3TransportProvider.SESSION_TOKEN, token))
        .orElse(withKeys);
  }

  private static SecretRef secret(CommandLine line, String option, EnvironmentSecrets secrets) {
    return secrets.require(option, line.value(option).orElseThrow());
  }

  /** The value of {@code option}, once it is known to name a readable file. */
  private static String file(CommandLine line, String option) {
    return CommandLine.readableFile(option, line.value(option).orElseThrow());
  }
}
