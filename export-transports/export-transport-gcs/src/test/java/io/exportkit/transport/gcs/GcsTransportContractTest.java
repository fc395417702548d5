package io.exportkit.transport.gcs;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.SecretResolver;
import io.exportkit.spi.TransportProvider;
import io.exportkit.testing.InMemorySecretResolver;
import io.exportkit.testing.TransportContractTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport contract through the real client's HTTP path, against {@link FakeGcsServer}:
 * resumable uploads in 1 MiB chunks (the 50 MB stream takes 48), authenticated with a
 * service-account key resolved as a secret.
 */
class GcsTransportContractTest extends TransportContractTest {
  @TempDir
  static Path storage;
  private static FakeGcsServer server;
  private static String key;

  @BeforeAll
  static void startServer() throws Exception {
    server = FakeGcsServer.start(storage, "exports");
    key = server.newServiceAccountKey("exporter@exportkit-test.iam.gserviceaccount.com");
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  protected TransportProvider provider() {
    return new GcsTransportProvider();
  }

  @Override
  protected Destination destination() {
    return Destination.of("gs://exports/contract/?project=exportkit-test&chunkSize=1MiB&host=" + server.endpoint())
        .withSecret(GcsTransportProvider.CREDENTIALS, SecretRef.of("test/gcs-key"));
  }

  @Override
  protected SecretResolver secrets() {
    return InMemorySecretResolver.of().with("test/gcs-key", key);
  }

  @Override
  protected Optional<byte[]> read(String fileName) throws IOException {
    return server.read("exports", "contract/" + fileName);
  }

  @Override
  protected long largeStreamSize() {
    return 50_000_000;
  }
}
