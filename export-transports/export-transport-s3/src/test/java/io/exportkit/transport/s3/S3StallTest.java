package io.exportkit.transport.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A store that stops reading in the middle of a part, behind a relay that keeps the connection
 * open: the attempt fails within its read timeout (2 s here), rather than blocking for ever in a
 * socket write; the upload fails and leaves nothing behind, or the next attempt delivers it.
 */
class S3StallTest {
  private static final int MIB = 1024 * 1024;

  private S3ProxyServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = S3ProxyServer.start();
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aStoreThatStopsReadingMidPartFailsWithinTheReadTimeout() throws Exception {
    IOException failure;
    Duration took;

    try (FaultyRelay relay = FaultyRelay.stalling(server.endpoint(), 2 * MIB)) {
      Destination destination = Destination.of("s3://" + S3ProxyServer.BUCKET + "/stall/?pathStyle=true&partSize=16MiB"
              + "&maxAttempts=1&readTimeout=PT2S&endpoint=" + relay.endpoint())
          .withSecret(S3TransportProvider.ACCESS_KEY_ID, SecretRef.of("test/s3-id"))
          .withSecret(S3TransportProvider.SECRET_ACCESS_KEY, SecretRef.of("test/s3-secret"));
      long start = System.nanoTime();
      try (Transport transport = new S3TransportProvider().open(destination, S3ProxyServer.secrets());
          Upload upload = transport.upload("stalled.bin")) {
        failure = catchThrowableOfType(IOException.class, () -> {
          upload.stream().write(new byte[17 * MIB]);
          upload.stream().close();
          upload.commit();
        });
      }
      took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(relay.failed()).as("the relay stalled a connection").isTrue();
    }

    System.out.println("S3 stall: failed after " + took + ": " + failure.getMessage());
    assertThat(failure).hasMessageStartingWith("sending a part of stall/stalled.bin failed: ")
        .hasMessageContaining("no progress for PT2S: the store stopped reading the request or did not answer it");
    assertThat(took).as("one attempt of 2 s, and the abort").isLessThan(Duration.ofSeconds(20));
    assertThat(server.read("stall/stalled.bin")).isEmpty();
    assertThat(server.pendingUploads()).isEmpty();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void theAttemptAfterAStallDeliversTheObjectIntact() throws Exception {
    byte[] content = new byte[17 * MIB];
    new java.util.Random(17).nextBytes(content);
    Duration took;

    try (FaultyRelay relay = FaultyRelay.stalling(server.endpoint(), 2 * MIB)) {
      Destination destination = Destination.of("s3://" + S3ProxyServer.BUCKET + "/stall/?pathStyle=true&partSize=16MiB"
              + "&maxAttempts=2&readTimeout=PT2S&endpoint=" + relay.endpoint())
          .withSecret(S3TransportProvider.ACCESS_KEY_ID, SecretRef.of("test/s3-id"))
          .withSecret(S3TransportProvider.SECRET_ACCESS_KEY, SecretRef.of("test/s3-secret"));
      long start = System.nanoTime();
      try (Transport transport = new S3TransportProvider().open(destination, S3ProxyServer.secrets());
          Upload upload = transport.upload("retried.bin")) {
        upload.stream().write(content);
        upload.stream().close();
        upload.commit();
      }
      took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(relay.failed()).as("the relay stalled a connection").isTrue();
    }

    System.out.println("S3 stall then retry: delivered after " + took);
    assertThat(server.read("stall/retried.bin")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(content));
  }
}
