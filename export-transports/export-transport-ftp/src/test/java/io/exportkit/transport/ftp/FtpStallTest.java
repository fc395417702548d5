package io.exportkit.transport.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.spi.Transport;
import io.exportkit.spi.TransportProvider;
import io.exportkit.spi.Upload;
import io.exportkit.testing.InMemorySecretResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that stops reading the data connection mid-upload: the delivery fails within its
 * read timeout (which bounds a stalled write too), never hangs.
 */
class FtpStallTest {
  private static final InMemorySecretResolver SECRETS = InMemorySecretResolver.of()
      .with("vault:ftp", EmbeddedFtpServer.PASSWORD);
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @TempDir
  Path root;

  @Test
  void ftpFailsWithinItsTimeoutWhenTheServerStopsReading() throws Exception {
    try (StallingFileSystem files = new StallingFileSystem();
        EmbeddedFtpServer server = EmbeddedFtpServer.start(root, null, false, 0, 10, files, new WritePermission())) {
      assertStallFailsInTime(new FtpTransportProvider(), Destination.of("ftp://exporter@127.0.0.1:" + server.port() + "/outbox"));
    }
  }

  @Test
  void ftpsFailsWithinItsTimeoutWhenTheServerStopsReading() throws Exception {
    TestCertificates.ServerCertificate valid = TestCertificates.get().valid;
    try (StallingFileSystem files = new StallingFileSystem();
        EmbeddedFtpServer server = EmbeddedFtpServer.start(root, valid.keyStore(), false, 0, 10, files, new WritePermission())) {
      assertStallFailsInTime(new FtpsTransportProvider(), Destination.of("ftps://exporter@localhost:" + server.port() + "/outbox")
          .withOption("caCert", valid.pem().toString()));
    }
  }

  private static void assertStallFailsInTime(TransportProvider provider, Destination base) {
    Destination destination = base.withSecret("password", SecretRef.of("vault:ftp"))
        .withOption("readTimeout", "PT" + TIMEOUT.toSeconds() + "S");
    byte[] chunk = new byte[64 * 1024];
    long[] stalled = new long[1];
    IOException failure = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      try (Transport transport = provider.open(destination, SECRETS); Upload upload = transport.upload("stalled.bin")) {
        OutputStream out = upload.stream();
        for (int i = 0; i < 16 * 1024; i++) { // up to 1 GiB: far more than the socket buffers hold
          long start = System.nanoTime();
          try {
            out.write(chunk);
          } catch (IOException e) {
            stalled[0] = System.nanoTime() - start;
            return e;
          }
        }
        throw new AssertionError("1 GiB went to a server that reads nothing");
      }
    }, "the upload to a server that stopped reading still hangs");

    Duration took = Duration.ofNanos(stalled[0]);
    System.out.println(provider.id() + ": the stalled write failed after " + took.toMillis() + " ms (readTimeout "
        + TIMEOUT + "): " + failure);
    assertThat(took).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(100)).isLessThan(Duration.ofSeconds(20));
    assertThat(failure).hasMessageContaining("took no data for " + TIMEOUT.toSeconds() + " s");
  }
}
