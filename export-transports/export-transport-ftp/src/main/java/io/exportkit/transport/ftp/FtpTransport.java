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
    if (client == null || !client.isConnected()) {
      client = connect();
    }
    return client;
  }

  /** Drops the connection, whose state is no longer known after a failure. */
  void disconnect() {
    FTPClient c = client;
    client = null;
    if (c != null && c.isConnected()) {
      try {
        c.disconnect();
      } catch (IOException e) {
        log.debug("Closing the connection to {} failed", options.target(), e);
      }
    }
  }

  @Override
  public void close() {
    if (client != null && client.isConnected()) {
      try {
        client.logout();
      } catch (IOException e) {
        log.debug("Logging out of {} failed", options.target(), e);
      }
    }
    disconnect();
  }

  private FTPClient connect() throws IOException {
    FTPClient c = newClient();
    c.setControlEncoding("UTF-8");
    c.setConnectTimeout(millis(options.connectTimeout()));
    c.setDefaultTimeout(millis(options.readTimeout()));
    c.setDataTimeout(options.readTimeout());
    try {
      c.connect(options.host(), options.port());
      if (!FTPReply.isPositiveCompletion(c.getReplyCode())) {
        throw refused(c, "the server turned the connection away");
      }
      login(c);
      if (c instanceof FTPSClient ftps) {
        ftps.execPBSZ(0);
        ftps.execPROT("P"); // the file travels encrypted too, not only the password
      }
      if (!c.setFileType(FTP.BINARY_FILE_TYPE)) {
        throw refused(c, "the server refused binary mode (TYPE I)");
      }
      if (options.passive()) {
        c.enterLocalPassiveMode();
      } else {
        c.enterLocalActiveMode();
      }
      if (c.hasFeature("UTF8")) {
        c.sendCommand("OPTS UTF8 ON"); // a server that lists UTF8 reads names as UTF-8 whatever it answers here
      }
      enterFolder(c);
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
      return new FTPClient();
    }
    SecretRef storePassword = options.trustStorePassword();
    SSLContext context = options.insecureTrustAll() ? ServerTrust.trustingAnyServer()
        : ServerTrust.context(options, storePassword == null ? null : secrets.require(storePassword));
    FTPSClient ftps = new FTPSClient(options.tls() == FtpOptions.Tls.IMPLICIT, context);
    ftps.setEndpointCheckingEnabled(!options.insecureTrustAll());
    return ftps;
  }

  private void login(FTPClient c) throws IOException {
    if (!c.login(options.user(), secrets.require(options.password()))) {
      int code = c.getReplyCode();
      throw new FtpReplyException(code, options.target() + ": login as '" + options.user() + "' refused ("
          + c.getReplyString().trim() + "): check the user and the secret '" + options.password().name() + "'");
    }
  }

  private void enterFolder(FTPClient c) throws IOException {
    String folder = options.directory();
    if (folder.isEmpty() || c.changeWorkingDirectory(folder)) {
      return;
    }
    StringBuilder path = new StringBuilder(folder.startsWith("/") ? "/" : "");
    for (String part : folder.split("/")) {
      if (!part.isEmpty()) {
        path.append(part);
        c.makeDirectory(path.toString()); // fails harmlessly where the folder exists
        path.append('/');
      }
    }
    if (!c.changeWorkingDirectory(folder)) {
      throw refused(c, "cannot create or enter the folder " + folder + "; check the user's rights there");
    }
  }

  /** The size of {@code file} in the current folder, or -1 when there is none. */
  long size(FTPClient c, String file) throws IOException {
    int code = c.sendCommand("SIZE", file);
    if (code == FTPReply.FILE_STATUS) {
      try {
        return Long.parseLong(c.getReplyString().trim().substring(4).trim());
      } catch (NumberFormatException | IndexOutOfBoundsException e) {
        throw new IOException(options.target() + ": the server answered SIZE with '" + c.getReplyString().trim() + "'", e);
      }
    }
    if (code == FTPReply.FILE_UNAVAILABLE) {
      return -1;
    }
    throw refused(c, "the server cannot tell the size of " + file + " (SIZE, RFC 3659)");
  }

  FtpReplyException refused(FTPClient c, String what) {
    return new FtpReplyException(c.getReplyCode(), options.target() + ": " + what + " (" + c.getReplyString().trim() + ")");
  }

  /** The handshake failed: say why (certificate expired, wrong host name, unknown CA) and what to do. */
  private IOException tlsFailure(SSLException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ServerTrust.UntrustedServerException untrusted) {
        SSLHandshakeException failure = new SSLHandshakeException(options.target() + ": " + untrusted.getMessage());
        failure.initCause(e);
        return failure;
      }
    }
    return e;
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
