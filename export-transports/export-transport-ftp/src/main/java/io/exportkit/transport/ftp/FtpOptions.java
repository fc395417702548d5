package io.exportkit.transport.ftp;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.spi.DestinationOptionReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one FTP or FTPS destination, read from its URI, options and secret references.
 *
 * @param target the destination URI, for logs (it never holds a password)
 * @param folders the folders to enter one after the other from the login folder, as RFC 1738 says:
 *     the URI's path segments, each percent-decoded; the first is absolute when it starts with
 *     {@code %2F} ({@code /}); none for the login folder itself
 */
record FtpOptions(URI target, String host, int port, String user, SecretRef password, List<String> folders, Tls tls,
    boolean passive, @Nullable Path caCert, @Nullable Path trustStore, @Nullable SecretRef trustStorePassword,
    boolean insecureTrustAll, Duration connectTimeout, Duration readTimeout, int maxAttempts, Duration retryBackoff,
    boolean overwrite) {

  enum Tls { NONE, EXPLICIT, IMPLICIT }

  FtpOptions {
    folders = List.copyOf(folders);
  }

  static final String PASSIVE = "passive";
  static final String IMPLICIT_TLS = "implicitTls";
  static final String CA_CERT = "caCert";
  static final String TRUST_STORE = "trustStore";
  static final String INSECURE_TRUST_ALL = "insecureTrustAll";
  static final String CONNECT_TIMEOUT = "connectTimeout";
  static final String READ_TIMEOUT = "readTimeout";
  static final String MAX_ATTEMPTS = "maxAttempts";
  static final String RETRY_BACKOFF = "retryBackoff";
  static final String PASSWORD = "password";
  static final String TRUST_STORE_PASSWORD = "trustStorePassword";

  private static final Set<String> OPTIONS = Set.of(PASSIVE, IMPLICIT_TLS, CA_CERT, TRUST_STORE, INSECURE_TRUST_ALL,
      CONNECT_TIMEOUT, READ_TIMEOUT, MAX_ATTEMPTS, RETRY_BACKOFF);
  private static final Set<String> TLS_OPTIONS = Set.of(IMPLICIT_TLS, CA_CERT, TRUST_STORE, INSECURE_TRUST_ALL);

  /** The settings of {@code destination}, or empty with every problem added to {@code problems}. */
  static Optional<FtpOptions> parse(Destination destination, boolean ftps, List<String> problems) {
    URI uri = destination.uri();
    String scheme = ftps ? "ftps" : "ftp";
    DestinationOptionReader read = new DestinationOptionReader(destination);
    read.rejectUnknown(scheme, OPTIONS, ftps ? Set.of(PASSWORD, TRUST_STORE_PASSWORD) : Set.of(PASSWORD));
    if (!ftps) {
      TLS_OPTIONS.stream().filter(destination.options()::containsKey).sorted()
          .forEach(key -> read.problem("option " + key + " applies to ftps: destinations only"));
    }
    if (!scheme.equals(destination.scheme()) || uri.isOpaque()) {
      read.problem("not an " + scheme + "://user@host/folder URI: " + uri);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      read.problem("the URI's " + (uri.getRawQuery() != null ? "query '?" + uri.getRawQuery() : "fragment '#" + uri.getRawFragment())
          + "' is not read: give options with Destination.withOption(key, value) and remove it from the URI");
    }
    String host = uri.getHost();
    if (host == null) {
      read.problem(scheme + ": destination needs a host, as in " + scheme + "://user@host:port/folder: " + uri);
    }
    String user = uri.getUserInfo();
    if (user == null || user.isEmpty()) {
      read.problem(scheme + ": destination needs a user, as in " + scheme + "://user@host/folder: " + uri);
    }
    SecretRef password = destination.secrets().get(PASSWORD);
    if (password == null) {
      read.problem(scheme + ": destination needs the secret role 'password' (Destination.withSecret(\"password\", ref))");
    }
    boolean implicit = ftps && read.bool(IMPLICIT_TLS, false);
    Tls tls = !ftps ? Tls.NONE : implicit ? Tls.IMPLICIT : Tls.EXPLICIT;
    boolean insecure = read.bool(INSECURE_TRUST_ALL, false);
    Path caCert = read.path(CA_CERT);
    Path trustStore = read.path(TRUST_STORE);
    if (caCert != null && trustStore != null) {
      read.problem("options caCert and trustStore exclude each other: give the server's CA one way");
    }
    if (insecure && (caCert != null || trustStore != null)) {
      read.problem("option insecureTrustAll=true turns certificate checks off, so caCert and trustStore would be ignored: remove one");
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : implicit ? 990 : 21;
    FtpOptions options = new FtpOptions(uri, host == null ? "" : host, port, user == null ? "" : user,
        password == null ? SecretRef.of("password") : password, folders(uri), tls, read.bool(PASSIVE, true), caCert,
        trustStore, destination.secrets().get(TRUST_STORE_PASSWORD), insecure,
        read.duration(CONNECT_TIMEOUT, Duration.ofSeconds(30)), read.duration(READ_TIMEOUT, Duration.ofSeconds(60)),
        read.integer(MAX_ATTEMPTS, 3, 1, 10), read.duration(RETRY_BACKOFF, Duration.ofSeconds(1)), destination.overwrite());
    problems.addAll(read.problems());
    return read.problems().isEmpty() ? Optional.of(options) : Optional.empty();
  }

  /** The path's segments, each decoded on its own, so that {@code %2F} stays inside its segment. */
  private static List<String> folders(URI uri) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty())
        .map(segment -> URI.create("/" + segment).getPath().substring(1)).toList();
  }

  /** The folder's URI plus {@code fileName}, percent-encoded. */
  URI location(String fileName) {
    String folder = target.getRawPath() == null ? "" : target.getRawPath().replaceAll("/+$", "");
    try {
      String name = new URI(null, null, "/" + fileName, null).getRawPath();
      return new URI(target.getScheme() + "://" + target.getRawAuthority() + folder + name);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("cannot build the URI of " + fileName + " at " + target, e);
    }
  }
}
