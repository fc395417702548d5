package io.exportkit.transport.sftp;

import io.exportkit.SecretRef;
import io.exportkit.SecretResolver;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import io.exportkit.spi.Retry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.PasswordUtils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSH connection and SFTP session, kept across the uploads of a run and opened again when a
 * transient failure broke it. Not thread-safe.
 */
final class SftpTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(SftpTransport.class);

  private final SftpOptions options;
  private final SecretResolver secrets;
  private final Retry retry;
  private @Nullable SSHClient ssh;
  private @Nullable SFTPClient sftp;

  private SftpTransport(SftpOptions options, SecretResolver secrets) {
    this.options = options;
    this.secrets = secrets;
    this.retry = new Retry(options.target(), options.maxAttempts(), options.retryBackoff(),
        TransientFailures::isTransient, this::disconnect);
  }

  static SftpTransport open(SftpOptions options, SecretResolver secrets) throws IOException {
    if (options.insecureAcceptAnyHostKey()) {
      log.warn("Delivery to {} accepts any host key (insecureAcceptAnyHostKey=true): anyone on the network path can "
          + "pose as the server and receive the file and the credentials", options.target());
    }
    SftpTransport transport = new SftpTransport(options, secrets);
    transport.call("connecting", transport::sftp);
    return transport;
  }

  SftpOptions options() {
    return options;
  }

  @Override
  public Upload upload(String fileName) throws IOException {
    return new SftpUpload(this, fileName);
  }

  /** Runs {@code step}, again on a new connection after a transient failure. */
  <T> T call(String what, Retry.Step<T> step) throws IOException {
    return retry.call(what, step);
  }

  /** The open SFTP session in a logged-in connection, with the target folder created; connects when there is none. */
  SFTPClient sftp() throws IOException {
    if (sftp == null || ssh == null || !ssh.isConnected()) {
      disconnect();
      connect();
    }
    return sftp;
  }

  /** Drops the connection, whose state is no longer known after a failure. */
  void disconnect() {
    SFTPClient session = sftp;
    SSHClient connection = ssh;
    sftp = null;
    ssh = null;
    try {
      if (session != null) {
        session.close();
      }
      if (connection != null) {
        connection.disconnect();
      }
    } catch (IOException e) {
      log.debug("Closing the connection to {} failed", options.target(), e);
    }
  }

  @Override
  public void close() {
    disconnect();
  }

  private void connect() throws IOException {
    SSHClient client = new SSHClient(new DefaultConfig());
    HostKeyCheck hostKey = HostKeyCheck.of(options);
    client.addHostKeyVerifier(hostKey);
    client.setConnectTimeout(millis(options.connectTimeout()));
    client.setTimeout(millis(options.readTimeout()));
    client.getTransport().setTimeoutMs(millis(options.readTimeout()));
    try {
      try {
        client.connect(options.host(), options.port());
      } catch (TransportException e) {
        if (e.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE) {
          throw hostKey.refusal(options, e);
        }
        throw e;
      }
      login(client);
      SFTPClient session = client.newSFTPClient();
      session.getSFTPEngine().setTimeoutMs(millis(options.readTimeout()));
      if (!options.folder().isEmpty() && session.statExistence(options.folder()) == null) {
        session.mkdirs(options.folder());
      }
      ssh = client;
      sftp = session;
    } catch (IOException | RuntimeException e) {
      try {
        client.disconnect();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  private void login(SSHClient client) throws IOException {
    List<AuthMethod> methods = new ArrayList<>();
    List<String> tried = new ArrayList<>();
    if (options.privateKey() != null || options.privateKeyFile() != null) {
      methods.add(new AuthPublickey(privateKey(client)));
      tried.add(options.privateKey() != null ? "the private key in secret '" + options.privateKey().name() + "'"
          : "the private key " + options.privateKeyFile());
    }
    if (options.password() != null) {
      methods.add(new AuthPassword(oneOff(options.password())));
      tried.add("the password in secret '" + options.password().name() + "'");
    }
    try {
      client.auth(options.user(), methods);
    } catch (UserAuthException e) {
      UserAuthException refused = new UserAuthException(options.target() + ": login as '" + options.user()
          + "' refused with " + String.join(" and ", tried) + ": check the user and the credentials", e);
      throw refused;
    }
  }

  private KeyProvider privateKey(SSHClient client) throws IOException {
    SecretRef passphraseRef = options.privateKeyPassphrase();
    PasswordFinder passphrase = passphraseRef == null ? null : oneOff(passphraseRef);
    String source = options.privateKey() != null ? "the private key in secret '" + options.privateKey().name() + "'"
        : "the private key file " + options.privateKeyFile();
    try {
      KeyProvider keys = options.privateKey() != null
          ? client.loadKeys(secrets.require(options.privateKey()), null, passphrase)
          : client.loadKeys(options.privateKeyFile().toString(), passphrase);
      keys.getPrivate(); // decrypts now, so that a wrong passphrase is reported as such
      return keys;
    } catch (IOException | RuntimeException e) {
      throw new UserAuthException(options.target() + ": cannot read " + source + ": "
          + (passphraseRef == null ? "it may need a passphrase (secret role privateKeyPassphrase), or"
              : "check the passphrase in secret '" + passphraseRef.name() + "', and")
          + " that it is a private key in OpenSSH, PEM or PKCS#8 form", e);
    }
  }

  private PasswordFinder oneOff(SecretRef ref) {
    return PasswordUtils.createOneOff(secrets.require(ref).toCharArray());
  }

  private static int millis(java.time.Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
  }
}
