package io.exportkit.transport.ftp;

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

/** Plain FTP, passive mode, against Apache FtpServer on loopback. */
class FtpTransportContractTest extends TransportContractTest {

  @TempDir
  static Path root;

  static EmbeddedFtpServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = EmbeddedFtpServer.plain(root);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  protected TransportProvider provider() {
    return new FtpTransportProvider();
  }

  @Override
  protected Destination destination() {
    return Destination.of("ftp://exporter@127.0.0.1:" + server.port() + "/outbox/daily")
        .withSecret("password", SecretRef.of("vault:ftp"));
  }

  @Override
  protected Optional<byte[]> read(String fileName) throws Exception {
    return server.read("outbox/daily", fileName);
  }

  @Override
  protected SecretResolver secrets() {
    return InMemorySecretResolver.of().with("vault:ftp", EmbeddedFtpServer.PASSWORD);
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
