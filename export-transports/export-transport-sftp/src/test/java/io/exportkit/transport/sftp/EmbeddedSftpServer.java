package io.exportkit.transport.sftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * Apache MINA SSHD with its SFTP subsystem on a free loopback port, serving {@code root} to one
 * user who logs in with a password or with {@link #CLIENT_KEY}.
 */
final class EmbeddedSftpServer implements AutoCloseable {
  static final String USER = "exporter";
  static final String PASSWORD = "Sftp-s3cret-4b1d";
  static final String PASSPHRASE = "Key-pa55phrase-8e";
  static final KeyPair HOST_KEY = newKeyPair();
  static final KeyPair CLIENT_KEY = newKeyPair();

  private final SshServer server;
  private final Path root;

  private EmbeddedSftpServer(SshServer server, Path root) {
    this.server = server;
    this.root = root;
  }

  /** A server on {@code port} (0: any free one); without {@code posixRename} it does not offer posix-rename@openssh.com. */
  static EmbeddedSftpServer start(Path root, int port, boolean posixRename) throws IOException {
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(port);
    server.setKeyPairProvider(KeyPairProvider.wrap(HOST_KEY));
    server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
    server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(CLIENT_KEY.getPublic(), key));
    server.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder().build()));
    server.setFileSystemFactory(new VirtualFileSystemFactory(root));
    if (!posixRename) {
      SftpModuleProperties.OPENSSH_EXTENSIONS.set(server, "fsync@openssh.com=1");
    }
    server.start();
    return new EmbeddedSftpServer(server, root);
  }

  static EmbeddedSftpServer start(Path root) throws IOException {
    return start(root, 0, true);
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

  private static String publicKey(PublicKey key) {
    return KeyType.fromKey(key) + " "
        + Base64.getEncoder().encodeToString(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
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
