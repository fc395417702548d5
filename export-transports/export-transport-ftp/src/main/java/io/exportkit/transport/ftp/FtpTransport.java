package io.exportkit.transport.ftp;

import io.exportkit.SecretRef;
import io.exportkit.SecretResolver;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import io.exportkit.spi.Retry;
import java.io.IOException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One control connection to an FTP or FTPS server, kept across the uploads of a run and opened
 * again when a transient failure broke it. Not thread-safe.
 */
final class FtpTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(FtpTransport.class);

  private final FtpOptions options;
  private final SecretResolver secrets;
  private final Retry retry;
  private @Nullable FTPClient client;
  private String folder = "the target folder";
  private boolean closed;
  private boolean transferring;

  private FtpTransport(FtpOptions options, SecretResolver secrets) {
    this.options = options;
    this.secrets = secrets;
    this.retry = new Retry(options.target(), options.maxAttempts(), options.retryBackoff(),
        TransientFailures::isTransient, this::disconnect);
  }

  static FtpTransport open(FtpOptions options, SecretResolver secrets) throws IOException {
    if (options.tls() == FtpOptions.Tls.NONE) {
      log.warn("Delivery to {} uses plain FTP: the password and the file cross the network unencrypted; use ftps:// "
          + "where the server supports it", options.target());
    } else if (options.insecureTrustAll()) {
      log.warn("Delivery to {} does not check the server's TLS certificate (insecureTrustAll=true): anyone on the "
          + "network path can pose as the server and read the password and the file", options.target());
    }
    FtpTransport transport = new FtpTransport(options, secrets);
    transport.call("connecting", transport::client);
    return transport;
  }

  FtpOptions options() {
    return options;
  }

  @Override
  public Upload upload(String fileName) throws IOException {
    return new FtpUpload(this, fileName);
  }

  /** Runs {@code step}, again on a new connection after a transient failure. */
  <T> T call(String what, Retry.Step<T> step) throws IOException {
    return retry.call(what, step);
  }

  /** The open connection, logged in, in binary mode, in the target folder; connects when there is none. */
  FTPClient client() throws IOException {
    if (closed) {
      throw new IllegalStateException("the transport to " + options.target() + " is closed");
    }
    if (client == null || !client.isConnected()) {
      client = connect();
    }
    return client;
  }

  /**
   * Runs {@code command} to clean up after an upload: on the transport's connection, or, once the
   * transport is closed, on a connection of its own that is closed right after. Never leaves a
   * connection open behind it.
   */
  void cleanUp(Command command) throws IOException {
    if (!closed) {
      command.run(client());
      return;
    }
    FTPClient c = connect();
    try {
      command.run(c);
    } finally {
      logOut(c);
      quietlyDisconnect(c);
    }
  }

  /** One exchange with the server. */
  @FunctionalInterface
  interface Command {
    void run(FTPClient client) throws IOException;
  }

  /** The target folder, absolute, as the server named it, control characters escaped; for messages. */
  String folder() {
    return folder;
  }

  /** Drops the connection, whose state is no longer known after a failure. */
  void disconnect() {
    FTPClient c = client;
    client = null;
    if (c != null && c.isConnected()) {
      quietlyDisconnect(c);
    }
  }

  /** Whether a file is on its way over the data connection: QUIT would wait for its end then. */
  void transferring(boolean transferring) {
    this.transferring = transferring;
  }

  @Override
  public void close() {
    closed = true;
    if (client != null && client.isConnected() && !transferring) {
      logOut(client);
    }
    disconnect();
  }

  private FTPClient connect() throws IOException {
    FTPClient c = newClient();
    c.setControlEncoding("UTF-8");
    c.setConnectTimeout(millis(options.connectTimeout()));
    c.setDefaultTimeout(millis(options.readTimeout())); // every reply on the control connection
    c.setDataTimeout(options.readTimeout());
    try {
      c.connect(options.host(), options.port());
      if (!FTPReply.isPositiveCompletion(c.getReplyCode())) {
        throw refused(c, "the server turned the connection away", "");
      }
      login(c);
      if (c instanceof FTPSClient ftps) {
        ftps.execPBSZ(0);
        ftps.execPROT("P"); // the file travels encrypted too, not only the password
      }
      if (!c.setFileType(FTP.BINARY_FILE_TYPE)) {
        throw refused(c, "the server refused binary mode (TYPE I)", "");
      }
      if (options.passive()) {
        c.enterLocalPassiveMode();
      } else {
        c.enterLocalActiveMode();
      }
      if (c.hasFeature("UTF8")) {
        c.sendCommand("OPTS UTF8 ON"); // a server that lists UTF8 reads names as UTF-8 whatever it answers here
      }
      enterFolders(c);
      return c;
    } catch (SSLException e) {
      quietlyDisconnect(c);
      throw tlsFailure(e);
    } catch (IOException | RuntimeException e) {
      quietlyDisconnect(c);
      throw e;
    }
  }

  private FTPClient newClient() throws IOException {
    if (options.tls() == FtpOptions.Tls.NONE) {
      return FtpClients.plain();
    }
    SecretRef storePassword = options.trustStorePassword();
    SSLContext context = options.insecureTrustAll() ? ServerTrust.trustingAnyServer()
        : ServerTrust.context(options, storePassword == null ? null : secrets.require(storePassword));
    FTPSClient ftps = FtpClients.tls(options.tls() == FtpOptions.Tls.IMPLICIT, context);
    ftps.setEndpointCheckingEnabled(!options.insecureTrustAll());
    return ftps;
  }

  private void login(FTPClient c) throws IOException {
    if (!c.login(options.user(), secrets.require(options.password()))) {
      throw refused(c, "login as '" + options.user() + "' refused",
          "check the user and the secret '" + options.password().name() + "'");
    }
  }

  /**
   * Enters the target folder as RFC 1738 says: one CWD per segment of the URI's path, from the
   * login folder (a segment that starts with {@code /}, {@code %2F} in the URI, from the root),
   * creating each missing one.
   */
  private void enterFolders(FTPClient c) throws IOException {
    String login = workingFolder(c, "the login folder");
    for (String segment : options.folders()) {
      if (c.changeWorkingDirectory(segment)) {
        continue;
      }
      String path = segment.startsWith("/") ? segment : join(workingFolder(c, login), segment);
      if (c.makeDirectory(segment)) {
        if (!c.changeWorkingDirectory(segment)) {
          throw refused(c, "cannot enter the folder " + path + ", just created", "check the user's rights there");
        }
        continue;
      }
      FtpReplyException refused = refused(c, "cannot create the folder " + path, "the user may not create it there, "
          + "or it exists and the user may not enter it; check the path (a path is relative to the login folder "
          + login + " unless it starts with %2F) and the user's rights");
      if (size(c, segment) >= 0) {
        throw new FtpReplyException(FTPReply.FILE_UNAVAILABLE,
            ControlCharacters.escape(path) + " is a file, not a folder: point the destination at a folder");
      }
      throw refused;
    }
    folder = ControlCharacters.escape(workingFolder(c, login));
  }

  /** The current folder as PWD names it, or {@code fallback} when the server does not say. */
  private static String workingFolder(FTPClient c, String fallback) throws IOException {
    String folder = c.printWorkingDirectory();
    return folder == null ? fallback : folder;
  }

  private static String join(String folder, String name) {
    return folder.endsWith("/") ? folder + name : folder + "/" + name;
  }

  /** The size of {@code file} in the current folder, or -1 when there is none. */
  long size(FTPClient c, String file) throws IOException {
    int code = c.sendCommand("SIZE", file);
    if (code == FTPReply.FILE_STATUS) {
      try {
        return Long.parseLong(c.getReplyString().trim().substring(4).trim());
      } catch (NumberFormatException | IndexOutOfBoundsException e) {
        throw new IOException("the server answered SIZE with '" + reply(c) + "'", e);
      }
    }
    if (code == FTPReply.FILE_UNAVAILABLE) {
      return -1;
    }
    throw refused(c, "the server cannot tell the size of " + file + " (SIZE, RFC 3659)", "");
  }

  /**
   * The server refused {@code what}: its reply, control characters escaped, then {@code fix}. The
   * message does not name the destination: the run's message does.
   */
  FtpReplyException refused(FTPClient c, String what, String fix) {
    return new FtpReplyException(c.getReplyCode(), ControlCharacters.escape(what) + " (" + reply(c) + ")"
        + (fix.isEmpty() ? "" : ": " + ControlCharacters.escape(fix)));
  }

  /** The server's last reply, on one line, control characters escaped. */
  private static String reply(FTPClient c) {
    String reply = c.getReplyString();
    return reply == null ? "no reply" : ControlCharacters.escape(reply.trim());
  }

  /** The handshake failed: say why (certificate expired, wrong host name, unknown CA) and what to do. */
  private IOException tlsFailure(SSLException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ServerTrust.UntrustedServerException untrusted) {
        SSLHandshakeException failure = new SSLHandshakeException(untrusted.getMessage());
        failure.initCause(e);
        return failure;
      }
    }
    return e;
  }

  private void logOut(FTPClient c) {
    try {
      c.logout();
    } catch (IOException e) {
      log.debug("Logging out of {} failed", options.target(), e);
    }
  }

  private void quietlyDisconnect(FTPClient c) {
    try {
      c.disconnect();
    } catch (IOException e) {
      log.debug("Closing the connection to {} failed", options.target(), e);
    }
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
  }
}
