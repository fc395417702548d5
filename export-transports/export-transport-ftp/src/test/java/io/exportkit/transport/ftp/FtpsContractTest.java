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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** FTPS, certificate and host name checked against a given CA, against Apache FtpServer on loopback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FtpsContractTest extends TransportContractTest {

  private EmbeddedFtpServer server;
  private Path caCert;

  /** Whether the server speaks TLS from the first byte, rather than after {@code AUTH TLS}. */
  abstract boolean implicitTls();

  @BeforeAll
  void startServer(@TempDir Path root) throws Exception {
    server = EmbeddedFtpServer.tls(root, TestCertificates.get().valid.keyStore(), implicitTls());
    caCert = TestCertificates.get().valid.pem();
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  @Override
  protected TransportProvider provider() {
    return new FtpsTransportProvider();
  }

  @Override
  protected Destination destination() {
    return Destination.of("ftps://exporter@localhost:" + server.port() + "/outbox")
        .withOption("caCert", caCert.toString())
        .withOption("implicitTls", String.valueOf(implicitTls()))
        .withSecret("password", SecretRef.of("vault:ftps"));
  }

  @Override
  protected Optional<byte[]> read(String fileName) throws Exception {
    return server.read("outbox", fileName);
  }

  @Override
  protected SecretResolver secrets() {
    return InMemorySecretResolver.of().with("vault:ftps", EmbeddedFtpServer.PASSWORD);
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
