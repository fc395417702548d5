package io.exportkit.transport.s3;

import io.exportkit.Destination;
import io.exportkit.SecretResolver;
import io.exportkit.spi.TransportProvider;
import io.exportkit.testing.TransportContractTest;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The transport contract against S3Proxy, with 5 MiB parts: the 50 MB stream goes up in ten. */
class S3TransportContractTest extends TransportContractTest {
  private static S3ProxyServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Override
  protected TransportProvider provider() {
    return new S3TransportProvider();
  }

  @Override
  protected Destination destination() {
    return server.destination("contract/").withOption(S3Options.PART_SIZE, "5MiB");
  }

  @Override
  protected SecretResolver secrets() {
    return S3ProxyServer.secrets();
  }

  @Override
  protected Optional<byte[]> read(String fileName) {
    return server.read("contract/" + fileName);
  }

  @Override
  protected long largeStreamSize() {
    return 50_000_000;
  }
}
