package io.exportkit.transport.sftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionHeartbeatController;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.jspecify.annotations.Nullable;

/**
 * Apache MINA SSHD with its SFTP subsystem on a free loopback port, serving {@code root} to one
 * user who logs in with a password or with {@link #CLIENT_KEY}; chrooted to {@code root} unless
 * {@link Builder#home} says otherwise.
 */
final class EmbeddedSftpServer implements AutoCloseable {
  static final String USER = "exporter";
  static final String PASSWORD = "Sftp-s3cret-4b1d";
  static final String PASSPHRASE = "Key-pa55phrase-8e";
  static final KeyPair HOST_KEY = newKeyPair();
  static final KeyPair CLIENT_KEY = newKeyPair();
  static final KeyPair RSA_HOST_KEY = generate(KeyPairs.RSA);
  static final KeyPair ED25519_HOST_KEY = generate(KeyPairs.ED25519);

  private final SshServer server;
  private final Path root;

  private EmbeddedSftpServer(SshServer server, Path root) {
    this.server = server;
    this.root = root;
  }

  /** A server on {@code port} (0: any free one); without {@code posixRename} it does not offer posix-rename@openssh.com. */
  static EmbeddedSftpServer start(Path root, int port, boolean posixRename) throws IOException {
    return on(root).port(port).posixRename(posixRename).start();
  }

  static EmbeddedSftpServer start(Path root) throws IOException {
    return on(root).start();
  }

  /** A server to configure, serving {@code root}, with {@link #HOST_KEY} and posix-rename@openssh.com. */
  static Builder on(Path root) {
    return new Builder(root);
  }

  /** Not thread-safe. */
  static final class Builder {
    private final Path root;
    private int port;
    private boolean posixRename = true;
    private List<KeyPair> hostKeys = List.of(HOST_KEY);
    private int maxSessions;
    private @Nullable String home;
    private @Nullable Duration heartbeat;
    private final List<SftpEventListener> listeners = new ArrayList<>();

    private Builder(Path root) {
      this.root = root;
    }

    Builder port(int port) {
      this.port = port;
      return this;
    }

    Builder posixRename(boolean posixRename) {
      this.posixRename = posixRename;
      return this;
    }

    /**
     * The server's host keys. As OpenSSH since 8.8, the server does not sign with {@code ssh-rsa}
     * (SHA-1): an RSA host key is used with rsa-sha2-256/512 only.
     */
    Builder hostKeys(KeyPair... keys) {
      this.hostKeys = List.of(keys);
      return this;
    }

    /** At most {@code sessions} logins of the user at once, as MaxSessions-like limits on real servers. */
    Builder maxSessions(int sessions) {
      this.maxSessions = sessions;
      return this;
    }

    /**
     * The user is not chrooted: the whole of {@code root} is visible, the login folder is
     * {@code /home} (a folder under {@code root}), and only the login folder is writable, as for an
     * account on a shared server.
     */
    Builder home(String home) {
      this.home = home;
      return this;
    }

    /** Sends an SSH_MSG_IGNORE this often, as OpenSSH's ClientAliveInterval sends its probes. */
    Builder heartbeat(Duration interval) {
      this.heartbeat = interval;
      return this;
    }

    Builder listener(SftpEventListener listener) {
      listeners.add(listener);
      return this;
    }

    EmbeddedSftpServer start() throws IOException {
      SshServer server = SshServer.setUpDefaultServer();
      server.setHost("127.0.0.1");
      server.setPort(port);
      server.setKeyPairProvider(KeyPairProvider.wrap(hostKeys));
      server.setSignatureFactories(server.getSignatureFactories().stream()
          .filter(factory -> !factory.getName().equals("ssh-rsa")).toList());
      server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
      server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(CLIENT_KEY.getPublic(), key));
      SftpSubsystemFactory sftp = home == null ? new SftpSubsystemFactory.Builder().build() : new HomeFolderSftp("/" + home);
      listeners.forEach(sftp::addSftpEventListener);
      if (home != null) {
        Files.createDirectories(root.resolve(home));
        sftp.addSftpEventListener(new OnlyHomeWritable("/" + home));
      }
      server.setSubsystemFactories(List.of(sftp));
      server.setFileSystemFactory(new VirtualFileSystemFactory(root));
      if (!posixRename) {
        SftpModuleProperties.OPENSSH_EXTENSIONS.set(server, "fsync@openssh.com=1");
      }
      if (heartbeat != null) {
        server.setSessionHeartbeat(SessionHeartbeatController.HeartbeatType.IGNORE, heartbeat);
      }
      if (maxSessions > 0) {
        CoreModuleProperties.MAX_CONCURRENT_SESSIONS.set(server, maxSessions);
      }
      server.start();
      return new EmbeddedSftpServer(server, root);
    }
  }

  /** Starts each SFTP session in the user's login folder rather than at the root. */
  private static final class HomeFolderSftp extends SftpSubsystemFactory {
    private final String home;

    HomeFolderSftp(String home) {
      this.home = home;
    }

    @Override
    public Command createSubsystem(ChannelSession channel) {
      SftpSubsystem subsystem = new SftpSubsystem(channel, this) {
        @Override
        public void setFileSystem(FileSystem fileSystem) {
          super.setFileSystem(fileSystem);
          defaultDir = fileSystem.getPath(home);
        }
      };
      getRegisteredListeners().forEach(subsystem::addSftpEventListener);
      return subsystem;
    }
  }

  /** Refuses, as a Unix server would for want of permission, every change outside the login folder. */
  private record OnlyHomeWritable(String home) implements SftpEventListener {
    @Override
    public void creating(ServerSession session, Path path, Map<String, ?> attrs) throws IOException {
      check(path);
    }

    @Override
    public void opening(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
      if (localHandle instanceof FileHandle) {
        check(localHandle.getFile());
      }
    }

    @Override
    public void moving(ServerSession session, Path source, Path target, Collection<CopyOption> options) throws IOException {
      check(target);
    }

    private void check(Path path) throws AccessDeniedException {
      if (!path.toAbsolutePath().normalize().startsWith(path.getFileSystem().getPath(home))) {
        throw new AccessDeniedException(path.toString()); // MINA sends the bare path as the message, as some servers do
      }
    }
  }

  /** How many sessions the server holds open now. */
  int connections() {
    return server.getActiveSessions().size();
  }

  int port() {
    return server.getPort();
  }

  Optional<byte[]> read(String folder, String name) throws IOException {
    Path file = root.resolve(folder).resolve(name);
    return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  /** A known_hosts line for {@code key} at {@code [127.0.0.1]:port}, hashed as {@code HashKnownHosts yes} writes it. */
  static String hashedEntry(int port, PublicKey key) throws GeneralSecurityException {
    byte[] salt = new byte[20];
    new java.security.SecureRandom().nextBytes(salt);
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(salt, "HmacSHA1"));
    byte[] hash = mac.doFinal(("[127.0.0.1]:" + port).getBytes(StandardCharsets.US_ASCII));
    Base64.Encoder base64 = Base64.getEncoder();
    return "|1|" + base64.encodeToString(salt) + "|" + base64.encodeToString(hash) + " " + publicKey(key);
  }

  /** A known_hosts line for {@code key} at {@code [127.0.0.1]:port}, in plain text. */
  static String plainEntry(int port, PublicKey key) {
    return "[127.0.0.1]:" + port + " " + publicKey(key);
  }

  /** {@code key} as known_hosts and authorized_keys lines hold it: its type and base64 blob. */
  static String publicKey(PublicKey key) {
    return PublicKeyEntry.toString(key);
  }

  /** {@link #CLIENT_KEY}'s private key as {@code ssh-keygen} writes it, encrypted with {@code passphrase}. */
  static String clientKeyFile(String passphrase) throws IOException, GeneralSecurityException {
    OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
    encryption.setPassword(passphrase);
    encryption.setCipherName("AES");
    encryption.setCipherType("256");
    encryption.setCipherMode("CTR");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(CLIENT_KEY, "exporter@test", encryption, out);
    return out.toString(StandardCharsets.US_ASCII);
  }

  private enum KeyPairs {
    RSA("ssh-rsa", 2048), ED25519("ssh-ed25519", 256);

    final String type;
    final int bits;

    KeyPairs(String type, int bits) {
      this.type = type;
      this.bits = bits;
    }
  }

  private static KeyPair generate(KeyPairs kind) {
    try {
      return KeyUtils.generateKeyPair(kind.type, kind.bits);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
