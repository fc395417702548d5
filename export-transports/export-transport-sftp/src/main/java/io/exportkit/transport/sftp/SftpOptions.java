package io.exportkit.transport.sftp;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.spi.DestinationOptionReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one SFTP destination, read from its URI, options and secret references.
 *
 * @param target the destination URI, for logs (it never holds a password)
 * @param folder the remote folder without a trailing slash: absolute ({@code /exports}, from the
 *     server's root), or relative to the login folder ({@code exports} for {@code /~/exports}), or
 *     empty for the login folder itself
 * @param knownHosts the known_hosts file to check the host key against, unless a fingerprint is pinned
 */
record SftpOptions(URI target, String host, int port, String user, String folder, @Nullable SecretRef password,
    @Nullable SecretRef privateKey, @Nullable Path privateKeyFile, @Nullable SecretRef privateKeyPassphrase,
    Path knownHosts, @Nullable String hostKeyFingerprint, boolean insecureAcceptAnyHostKey, Duration connectTimeout,
    Duration readTimeout, int maxAttempts, Duration retryBackoff, boolean overwrite) {

  static final String KNOWN_HOSTS = "knownHosts";
  static final String HOST_KEY_FINGERPRINT = "hostKeyFingerprint";
  static final String INSECURE_ACCEPT_ANY_HOST_KEY = "insecureAcceptAnyHostKey";
  static final String PRIVATE_KEY_FILE = "privateKeyFile";
  static final String CONNECT_TIMEOUT = "connectTimeout";
  static final String READ_TIMEOUT = "readTimeout";
  static final String MAX_ATTEMPTS = "maxAttempts";
  static final String RETRY_BACKOFF = "retryBackoff";
  static final String PASSWORD = "password";
  static final String PRIVATE_KEY = "privateKey";
  static final String PRIVATE_KEY_PASSPHRASE = "privateKeyPassphrase";

  private static final Set<String> OPTIONS = Set.of(KNOWN_HOSTS, HOST_KEY_FINGERPRINT, INSECURE_ACCEPT_ANY_HOST_KEY,
      PRIVATE_KEY_FILE, CONNECT_TIMEOUT, READ_TIMEOUT, MAX_ATTEMPTS, RETRY_BACKOFF);
  private static final Pattern SHA256_FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

  /** The settings of {@code destination}, or empty with every problem added to {@code problems}. */
  static Optional<SftpOptions> parse(Destination destination, List<String> problems) {
    URI uri = destination.uri();
    DestinationOptionReader read = new DestinationOptionReader(destination);
    read.rejectUnknown("sftp", OPTIONS, Set.of(PASSWORD, PRIVATE_KEY, PRIVATE_KEY_PASSPHRASE));
    if (!"sftp".equals(destination.scheme()) || uri.isOpaque() || uri.getHost() == null) {
      read.problem("not an sftp://user@host:port/folder URI: " + uri);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      read.problem("sftp: destinations take their options from Destination.withOption, not from the URI: remove '"
          + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "#" + uri.getRawFragment()) + "'");
    }
    String user = uri.getUserInfo();
    if (user == null || user.isEmpty()) {
      read.problem("sftp: destination needs a user, as in sftp://user@host/folder: " + uri);
    }
    SecretRef password = destination.secrets().get(PASSWORD);
    SecretRef privateKey = destination.secrets().get(PRIVATE_KEY);
    SecretRef passphrase = destination.secrets().get(PRIVATE_KEY_PASSPHRASE);
    Path privateKeyFile = read.path(PRIVATE_KEY_FILE);
    if (privateKey != null && privateKeyFile != null) {
      read.problem("the secret role privateKey and the option privateKeyFile exclude each other: give the key one way");
    }
    if (password == null && privateKey == null && privateKeyFile == null) {
      read.problem("sftp: destination needs a way to log in: the secret role 'password', or a private key "
          + "(secret role 'privateKey' or option privateKeyFile)");
    }
    if (passphrase != null && privateKey == null && privateKeyFile == null) {
      read.problem("the secret role privateKeyPassphrase needs a private key (secret role privateKey or option privateKeyFile)");
    }
    String fingerprint = destination.options().get(HOST_KEY_FINGERPRINT);
    if (fingerprint != null && !SHA256_FINGERPRINT.matcher(fingerprint).matches()) {
      read.problem("option hostKeyFingerprint must be a SHA-256 fingerprint as ssh-keygen -lf prints it "
          + "(SHA256: and 43 base64 characters), not '" + fingerprint + "'");
    }
    Path knownHosts = read.path(KNOWN_HOSTS);
    if (fingerprint != null && knownHosts != null) {
      read.problem("options hostKeyFingerprint and knownHosts exclude each other: check the host key one way");
    }
    boolean acceptAny = read.bool(INSECURE_ACCEPT_ANY_HOST_KEY, false);
    if (acceptAny && (fingerprint != null || knownHosts != null)) {
      read.problem("option insecureAcceptAnyHostKey=true turns the host key check off, so hostKeyFingerprint and "
          + "knownHosts would be ignored: remove one");
    }
    SftpOptions options = new SftpOptions(uri, uri.getHost() == null ? "" : uri.getHost(),
        uri.getPort() >= 0 ? uri.getPort() : 22, user == null ? "" : user, folder(uri), password, privateKey,
        privateKeyFile, passphrase,
        knownHosts != null ? knownHosts : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"), fingerprint,
        acceptAny, read.duration(CONNECT_TIMEOUT, Duration.ofSeconds(30)), read.duration(READ_TIMEOUT, Duration.ofSeconds(60)),
        read.integer(MAX_ATTEMPTS, 3, 1, 10), read.duration(RETRY_BACKOFF, Duration.ofSeconds(1)), destination.overwrite());
    problems.addAll(read.problems());
    return read.problems().isEmpty() ? Optional.of(options) : Optional.empty();
  }

  /** The URI's path as a remote folder: {@code /~} and {@code /~/…} are relative to the login folder, as with curl. */
  private static String folder(URI uri) {
    String path = uri.getPath() == null ? "" : uri.getPath();
    if (path.equals(HOME) || path.startsWith(HOME + "/")) {
      path = path.substring(HOME.length()).replaceFirst("^/+", "");
    }
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path;
  }

  private static final String HOME = "/~";

  /** Whether the folder is given from the server's root rather than from the login folder. */
  boolean absolute() {
    return folder.startsWith("/");
  }

  /** The remote path of {@code fileName} in the folder. */
  String path(String fileName) {
    return folder.isEmpty() ? fileName : folder.endsWith("/") ? folder + fileName : folder + "/" + fileName;
  }

  /** The URI of {@code fileName} in the folder, percent-encoded; {@code /~/} marks a path in the login folder. */
  URI location(String fileName) {
    String path = path(fileName);
    try {
      return new URI("sftp", user, host, target.getPort(), absolute() ? path : HOME + "/" + path, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot build the URI of " + fileName + " at " + target, e);
    }
  }
}
