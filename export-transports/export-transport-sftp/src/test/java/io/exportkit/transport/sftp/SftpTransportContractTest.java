package io.exportkit.transport.sftp;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.SecretResolver;
import io.exportkit.spi.TransportProvider;
import io.exportkit.testing.InMemorySecretResolver;
import io.exportkit.testing.TransportContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Password login, host key from a hashed known_hosts entry, posix-rename offered; MINA SSHD on loopback. */
class SftpTransportContractTest extends TransportContractTest {

  @TempDir
  static Path root;

  static EmbeddedSftpServer server;
  static Path knownHosts;

  @BeforeAll
  static void startServer() throws Exception {
    server = EmbeddedSftpServer.start(Files.createDirectory(root.resolve("server")));
    knownHosts = Files.writeString(root.resolve("known_hosts"),
        EmbeddedSftpServer.hashedEntry(server.port(), EmbeddedSftpServer.HOST_KEY.getPublic()) + "\n");
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
    return Destination.of("sftp://exporter@127.0.0.1:" + server.port() + "/outbox/daily")
        .withOption("knownHosts", knownHosts.toString())
        .withSecret("password", SecretRef.of("vault:sftp"));
  }

  @Override
  protected Optional<byte[]> read(String fileName) throws Exception {
    return server.read("outbox/daily", fileName);
  }

  @Override
  protected SecretResolver secrets() {
    return InMemorySecretResolver.of().with("vault:sftp", EmbeddedSftpServer.PASSWORD);
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
