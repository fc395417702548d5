package io.exportkit.transport.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.Destination;
import io.exportkit.SecretResolver;
import io.exportkit.spi.Delivered;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends far more than the heap through the transport. Runs in a Surefire execution of its own with
 * {@code -Xmx64m} (see the pom): the fake server keeps the bytes in files, so the heap holds only
 * what the client buffers, about one chunk.
 */
class GcsUploadBoundedMemoryTest {
  private static final long SIZE = 192L * 1024 * 1024;

  @TempDir
  Path storage;

  @Test
  void anUploadThreeTimesTheHeapGoesThroughInBoundedMemory() throws Exception {
    assertThat(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax()).as("-Xmx").isLessThan(SIZE / 2);
    byte[] chunk = new byte[64 * 1024];
    new Random(7).nextBytes(chunk);
    Delivered delivered;

    try (FakeGcsServer server = FakeGcsServer.start(storage, "exports")) {
      Destination destination = Destination.of("gs://exports/big/?host=" + server.endpoint());
      try (Transport transport = new GcsTransportProvider().open(destination, SecretResolver.NONE);
          Upload upload = transport.upload("big.bin")) {
        try (OutputStream out = upload.stream()) {
          for (long sent = 0; sent < SIZE; sent += chunk.length) {
            out.write(chunk);
          }
        }
        delivered = upload.commit();
      }
    }

    assertThat(delivered.size()).isEqualTo(SIZE);
    try (var files = Files.list(storage)) {
      assertThat(files.mapToLong(file -> file.toFile().length()).sum()).isEqualTo(SIZE);
    }
  }
}
