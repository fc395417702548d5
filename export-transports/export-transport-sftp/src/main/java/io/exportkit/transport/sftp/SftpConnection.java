package io.exportkit.transport.sftp;

import io.exportkit.SecretRef;
import io.exportkit.SecretResolver;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.FileKeyProvider;
import net.schmizz.sshj.userauth.keyprovider.KeyFormat;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.keyprovider.KeyProviderUtil;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.PasswordUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logged-in SSH connection and its SFTP session. No call on it blocks longer than the read
 * timeout, whatever the peer does: SSHJ bounds its waits for replies and for window space, and
 * the {@link WatchedSocket} closes the socket under a write that a silent peer has not drained
 * for that long (SSHJ's own disconnect writes too, so it could not end such a write). Closing the
 * connection ends its threads. Not thread-safe.
 */
final class SftpConnection implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(SftpConnection.class);

  private final SSHClient ssh;
  private final SFTPClient sftp;
  private final SftpOptions options;

  private SftpConnection(SSHClient ssh, SFTPClient sftp, SftpOptions options) {
    this.ssh = ssh;
    this.sftp = sftp;
    this.options = options;
  }

  /** Connects, checks the host key, logs in and opens the SFTP session, once. */
  static SftpConnection open(SftpOptions options, SecretResolver secrets) throws IOException {
    DefaultConfig config = new DefaultConfig();
    HostKeyCheck hostKey = HostKeyCheck.of(options, config.getKeyAlgorithms());
    SSHClient client = new SSHClient(config);
    client.addHostKeyVerifier(hostKey);
    client.setSocketFactory(new WatchedSocket.Factory(options.readTimeout()));
    client.setConnectTimeout(millis(options.connectTimeout()));
    // No read timeout on the socket: an idle connection is healthy; every wait for the server has its own bound.
    client.getTransport().setTimeoutMs(millis(options.readTimeout()));
    client.getConnection().setTimeoutMs(millis(options.readTimeout()));
    try {
      try {
        client.connect(options.host(), options.port());
      } catch (TransportException e) {
        if (e.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE) {
          throw hostKey.refusal(options, e);
        }
        throw e;
      }
      login(client, options, secrets);
      SFTPClient session = client.newSFTPClient();
      session.getSFTPEngine().setTimeoutMs(millis(options.readTimeout()));
      return new SftpConnection(client, session, options);
    } catch (IOException | RuntimeException e) {
      abandon(client, options);
      throw e;
    }
  }

  SFTPClient sftp() {
    return sftp;
  }

  boolean isConnected() {
    return ssh.isConnected();
  }

  /** Ends the session and the connection politely; for a connection in a known state. */
  @Override
  public void close() {
    try {
      sftp.close();
      ssh.disconnect();
    } catch (IOException | RuntimeException e) {
      log.debug("Closing the connection to {} failed", options.target(), e);
      abandon(ssh, options);
    }
  }

  /** Drops the connection without a word to the server, whose state is no longer known after a failure. */
  void abandon() {
    abandon(ssh, options);
  }

  private static void abandon(SSHClient client, SftpOptions options) {
    try {
      Socket socket = client.getSocket();
      if (socket != null) {
        socket.close(); // first, so that the disconnect below cannot block on a silent peer
      }
      client.disconnect(); // ends SSHJ's threads
    } catch (IOException | RuntimeException e) {
      log.debug("Dropping the connection to {} failed", options.target(), e);
    }
  }

  private static void login(SSHClient client, SftpOptions options, SecretResolver secrets) throws IOException {
    List<AuthMethod> methods = new ArrayList<>();
    List<String> tried = new ArrayList<>();
    if (options.privateKey() != null || options.privateKeyFile() != null) {
      methods.add(new AuthPublickey(privateKey(options, secrets)));
      tried.add(options.privateKey() != null ? "the private key in secret '" + options.privateKey().name() + "'"
          : "the private key " + options.privateKeyFile());
    }
    if (options.password() != null) {
      methods.add(new AuthPassword(oneOff(secrets.require(options.password()))));
      tried.add("the password in secret '" + options.password().name() + "'");
    }
    try {
      client.auth(options.user(), methods);
    } catch (UserAuthException e) {
      // SSHJ says "Exhausted available authentication methods" when the credentials were refused;
      // anything else is the server's own reason (e.g. too many sessions), which the credentials cannot fix.
      String reason = e.getMessage();
      if (reason != null && !reason.startsWith("Exhausted available authentication methods")) {
        throw new UserAuthException("the server refused the login as '" + options.user() + "': "
            + ServerReplies.printable(reason), e);
      }
      throw new UserAuthException("login as '" + options.user() + "' refused with " + String.join(" and ", tried)
          + ": check the user and the credentials", e);
    }
  }

  /**
   * The private key of {@code options}, decrypted now so that a wrong passphrase is reported as
   * such; the message names the key by its reference or file, never by its content.
   */
  static KeyProvider privateKey(SftpOptions options, SecretResolver secrets) throws UserAuthException {
    SecretRef passphraseRef = options.privateKeyPassphrase();
    PasswordFinder passphrase = passphraseRef == null ? null : oneOff(secrets.require(passphraseRef));
    SecretRef keyRef = options.privateKey();
    File keyFile = options.privateKeyFile() == null ? null : options.privateKeyFile().toFile();
    String source = keyRef != null ? "the private key in secret '" + keyRef.name() + "'" : "the private key file " + keyFile;
    try {
      String text = keyRef != null ? secrets.require(keyRef) : null;
      if (text == null && (keyFile == null || !keyFile.isFile())) {
        throw new UserAuthException("there is no private key file " + keyFile + ": check the option privateKeyFile");
      }
      KeyFormat format = text != null ? KeyProviderUtil.detectKeyFileFormat(text, false)
          : KeyProviderUtil.detectKeyFileFormat(keyFile);
      FileKeyProvider keys = Factory.Named.Util.create(new DefaultConfig().getFileKeyProviderFactories(), format.toString());
      if (keys == null) {
        throw new UserAuthException(source + " is in no form SSHJ reads (" + format + "): give a private key in OpenSSH, "
            + "PEM or PKCS#8 form");
      }
      if (text != null) {
        keys.init(new StringReader(text), passphrase);
      } else {
        keys.init(keyFile, passphrase);
      }
      keys.getPrivate();
      return keys;
    } catch (UserAuthException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new UserAuthException("cannot read " + source + ": "
          + (passphraseRef == null ? "it may need a passphrase (secret role privateKeyPassphrase), or"
              : "check the passphrase in secret '" + passphraseRef.name() + "', and")
          + " that it is a private key in OpenSSH, PEM or PKCS#8 form", e);
    }
  }

  private static PasswordFinder oneOff(String secret) {
    return PasswordUtils.createOneOff(secret.toCharArray());
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
  }
}
