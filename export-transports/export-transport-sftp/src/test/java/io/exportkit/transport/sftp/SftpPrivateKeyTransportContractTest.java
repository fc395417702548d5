package io.exportkit.transport.sftp;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.SecretResolver;
import io.exportkit.spi.TransportProvider;
import io.exportkit.testing.InMemorySecretResolver;
import io.exportkit.testing.TransportContractTest;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Login with an encrypted private key, host key pinned by fingerprint, and a server that does not
 * offer posix-rename@openssh.com, so that overwriting takes the documented fallback.
 */
class SftpPrivateKeyTransportContractTest extends TransportContractTest {

  @TempDir
  static Path root;

  static EmbeddedSftpServer server;
  static String privateKey;

  @BeforeAll
  static void startServer() throws Exception {
    server = EmbeddedSftpServer.start(root, 0, false);
    privateKey = EmbeddedSftpServer.clientKeyFile(EmbeddedSftpServer.PASSPHRASE);
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Override
  protected TransportProvider provider() {
    return new SftpTransportProvider();
  }

  @Override
  protected Destination destination() {
    return Destination.of("sftp://exporter@127.0.0.1:" + server.port() + "/outbox")
        .withOption("hostKeyFingerprint", HostKeyCheck.fingerprint(EmbeddedSftpServer.HOST_KEY.getPublic()))
        .withSecret("privateKey", SecretRef.of("vault:key"))
        .withSecret("privateKeyPassphrase", SecretRef.of("vault:passphrase"));
  }

  @Override
  protected Optional<byte[]> read(String fileName) throws Exception {
    return server.read("outbox", fileName);
  }

  @Override
  protected SecretResolver secrets() {
    return InMemorySecretResolver.of().with("vault:key", privateKey).with("vault:passphrase", EmbeddedSftpServer.PASSPHRASE);
  }

  @Override
  protected OptionalInt serverConnections() {
    return OptionalInt.of(server.connections());
  }

  @Override
  protected long largeStreamSize() {
    return 50_000_000;
  }
}
