package io.exportkit.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * Apache MINA SSHD with its SFTP subsystem on a free loopback port, serving {@code root} to one user
 * who logs in with {@link #PASSWORD} or with {@link #CLIENT_KEY}.
 */
final class EmbeddedSftpServer implements AutoCloseable {
  static final String USER = "exporter";
  static final String PASSWORD = "Sftp-s3cret-4b1d";
  static final KeyPair HOST_KEY = newKeyPair();
  static final KeyPair CLIENT_KEY = newKeyPair();

  private final SshServer server;

  private EmbeddedSftpServer(SshServer server) {
    this.server = server;
  }

  static EmbeddedSftpServer start(Path root) throws IOException {
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(HOST_KEY));
    server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
    server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(CLIENT_KEY.getPublic(), key));
    server.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder().build()));
    server.setFileSystemFactory(new VirtualFileSystemFactory(root));
    server.start();
    return new EmbeddedSftpServer(server);
  }

  int port() {
    return server.getPort();
  }

  /** {@code sftp://exporter@127.0.0.1:PORT/folder}. */
  String uri(String folder) {
    return "sftp://" + USER + "@127.0.0.1:" + port() + "/" + folder;
  }

  /** The host key's fingerprint as {@code ssh-keygen -lf} prints it: {@code SHA256:} and unpadded base64. */
  static String hostKeyFingerprint() {
    return KeyUtils.getFingerPrint(BuiltinDigests.sha256, HOST_KEY.getPublic());
  }

  /** A known_hosts file that holds {@code key} as the key of this server. */
  Path knownHosts(Path file, KeyPair key) throws IOException {
    return Files.writeString(file, "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key.getPublic()) + "\n");
  }

  /** {@link #CLIENT_KEY}'s private key in OpenSSH form, encrypted with {@code passphrase}, as ssh-keygen writes it. */
  static Path clientKeyFile(Path file, String passphrase) throws IOException, GeneralSecurityException {
    OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
    encryption.setPassword(passphrase);
    encryption.setCipherName("AES");
    encryption.setCipherType("256");
    encryption.setCipherMode("CTR");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(CLIENT_KEY, "exporter@test", encryption, out);
    return Files.writeString(file, out.toString(StandardCharsets.US_ASCII));
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
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
