package io.exportkit.transport.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Sends far more than the heap through the transport. Runs in a Surefire execution of its own with
 * {@code -Xmx64m} (see the pom): S3Proxy keeps the objects on disk, so the heap holds only what the
 * transport buffers, at most part size × parallel parts.
 */
class S3UploadBoundedMemoryTest {
  private static final long SIZE = 192L * 1024 * 1024;

  @TempDir
  Path store;

  @Test
  void anUploadThreeTimesTheHeapGoesThroughInBoundedMemory() throws Exception {
    assertThat(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax()).as("-Xmx").isLessThan(SIZE / 2);
    byte[] chunk = new byte[64 * 1024];
    new Random(7).nextBytes(chunk);
    HeadObjectResponse head;

    try (S3ProxyServer server = S3ProxyServer.startOnDisk(store)) {
      try (Transport transport = new S3TransportProvider().open(server.destination("big/"), S3ProxyServer.secrets());
          Upload upload = transport.upload("big.bin")) {
        try (OutputStream out = upload.stream()) {
          for (long sent = 0; sent < SIZE; sent += chunk.length) {
            out.write(chunk);
          }
        }
        upload.commit();
      }
      head = server.client().headObject(b -> b.bucket(S3ProxyServer.BUCKET).key("big/big.bin"));
    }

    assertThat(head.contentLength()).isEqualTo(SIZE);
  }
}
