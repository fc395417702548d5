package io.exportkit.transport.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import io.exportkit.testing.InMemorySecretResolver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that stops reading in the middle of a chunk and never answers, keeping the connection
 * open: the attempt fails within the read timeout (2 s here), rather than blocking for ever in a
 * socket write; the upload fails and leaves no object, or the next attempt resumes and delivers it.
 */
class GcsStallTest {
  private static final int MIB = 1024 * 1024;

  @TempDir
  Path storage;
  private FakeGcsServer server;
  private String key;

  @BeforeEach
  void startServer() throws Exception {
    server = FakeGcsServer.start(storage, "exports");
    key = server.newServiceAccountKey("exporter@exportkit-test.iam.gserviceaccount.com");
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aStoreThatStopsReadingMidChunkFailsWithinTheReadTimeout() throws Exception {
    server.stallChunks(1);
    IOException failure;
    long start = System.nanoTime();

    try (Transport transport = new GcsTransportProvider().open(destination("1"), secrets());
        Upload upload = transport.upload("stalled.bin")) {
      failure = catchThrowableOfType(IOException.class, () -> {
        upload.stream().write(new byte[17 * MIB]);
        upload.stream().close();
        upload.commit();
      });
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    System.out.println("GCS stall: failed after " + took + ": " + failure.getMessage());
    assertThat(server.stallsDone()).isEqualTo(1);
    assertThat(failure).hasMessageStartingWith("sending stall/stalled.bin failed: ")
        .hasMessageContaining("no progress for PT2S: the store stopped reading the request or did not answer it");
    assertThat(took).as("one attempt of 2 s").isLessThan(Duration.ofSeconds(20));
    assertThat(server.read("exports", "stall/stalled.bin")).isEmpty();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void theAttemptAfterAStallResumesAndDeliversTheObjectIntact() throws Exception {
    server.stallChunks(1);
    byte[] content = new byte[17 * MIB];
    new Random(17).nextBytes(content);
    long start = System.nanoTime();

    try (Transport transport = new GcsTransportProvider().open(destination("2"), secrets());
        Upload upload = transport.upload("retried.bin")) {
      upload.stream().write(content);
      upload.stream().close();
      upload.commit();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    System.out.println("GCS stall then retry: delivered after " + took);
    assertThat(server.stallsDone()).isEqualTo(1);
    assertThat(server.read("exports", "stall/retried.bin")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(content));
  }

  /** 16 MiB chunks: more than the sockets' buffers hold, so that the client blocks in a write. */
  private Destination destination(String maxAttempts) {
    return Destination.of("gs://exports/stall/?project=exportkit-test&chunkSize=16MiB&maxAttempts=" + maxAttempts
            + "&readTimeout=PT2S&host=" + server.endpoint())
        .withSecret(GcsTransportProvider.CREDENTIALS, SecretRef.of("test/gcs-key"));
  }

  private InMemorySecretResolver secrets() {
    return InMemorySecretResolver.of().with("test/gcs-key", key);
  }
}
