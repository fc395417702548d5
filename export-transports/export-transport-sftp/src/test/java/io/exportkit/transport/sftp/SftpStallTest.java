package io.exportkit.transport.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import io.exportkit.testing.CapturedStandardError;
import io.exportkit.testing.InMemorySecretResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers that stop without closing anything: a network path that goes silent mid-upload, a server
 * whose file system write never returns. Each upload fails within its read timeout (2 s here;
 * the bound asserted is generous, for a loaded machine) and leaves no temporary file.
 */
class SftpStallTest {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration BOUND = Duration.ofSeconds(20);

  @TempDir
  Path root;

  @TempDir
  Path config;

  private final CapturedStandardError log = new CapturedStandardError();
  private final InMemorySecretResolver secrets = InMemorySecretResolver.of().with("vault:sftp", EmbeddedSftpServer.PASSWORD);
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile boolean writesBlock;
  private EmbeddedSftpServer server;
  private StallingProxy proxy;

  @AfterEach
  void stop() throws IOException {
    released.countDown();
    if (proxy != null) {
      proxy.close();
    }
    server.close();
    log.close();
  }

  @Test
  void anUploadThatTheNetworkStopsCarryingFailsWithinTheReadTimeout() throws Exception {
    server = EmbeddedSftpServer.start(root);
    proxy = new StallingProxy(server.port());
    Destination destination = destination(proxy.port());

    Duration took = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> failingUpload(destination, "silent.bin", 4 << 20));

    System.out.println("SFTP upload stalled by the network failed after " + took.toMillis() + " ms (readTimeout "
        + READ_TIMEOUT.toMillis() + " ms)");
    assertThat(took).isLessThan(BOUND);
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void anUploadWhoseServerWriteNeverReturnsFailsWithinTheReadTimeout() throws Exception {
    server = EmbeddedSftpServer.on(root).listener(blockingWrites()).heartbeat(Duration.ofMillis(300)).start();
    Destination destination = destination(server.port());

    Duration took = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> failingUpload(destination, "blocked.bin", 4 << 20));

    System.out.println("SFTP upload to a server whose write blocks failed after " + took.toMillis() + " ms (readTimeout "
        + READ_TIMEOUT.toMillis() + " ms)");
    assertThat(took).isLessThan(BOUND);
    assertThat(leftovers()).isEmpty();
  }

  /** The session stops answering during commit, while the connection stays up: the cleanup takes a new one. */
  @Test
  void aSessionThatStopsAnsweringDuringCommitLeavesNoTemporaryFile() throws Exception {
    server = EmbeddedSftpServer.on(root).listener(blockingWrites()).heartbeat(Duration.ofMillis(300)).start();
    Destination destination = destination(server.port());

    Duration took = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> failingUpload(destination, "commit.bin", 100));

    assertThat(took).isLessThan(BOUND);
    assertThat(leftovers()).isEmpty();
    assertThat(log.text()).doesNotContain("Could not remove the temporary file");
    assertThat(awaitNoConnection()).as("connections the server still holds").isZero();
  }

  /**
   * Writes {@code size} bytes (the writes block once the peer stalls, after the first 64 KiB, or
   * at commit for a smaller file), commits, and ends the upload and transport as the pipeline
   * does; returns how long it took from the stall to the end.
   */
  private Duration failingUpload(Destination destination, String name, int size) throws IOException {
    byte[] chunk = new byte[64 * 1024];
    long start;
    Throwable failure;
    try (Transport transport = new SftpTransportProvider().open(destination, secrets)) {
      Upload upload = transport.upload(name);
      OutputStream out = upload.stream();
      out.write(chunk, 0, Math.min(size, chunk.length));
      stall();
      start = System.nanoTime();
      failure = catchThrowable(() -> {
        for (int sent = chunk.length; sent < size; sent += chunk.length) {
          out.write(chunk);
        }
        out.close();
        upload.commit();
      });
      upload.close();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(failure).as("the upload's failure").isInstanceOf(IOException.class);
    return took;
  }

  private void stall() {
    if (proxy != null) {
      proxy.stallOpenConnections();
    }
    writesBlock = true;
  }

  /** Once {@link #writesBlock}, every write on the server waits until the test ends. */
  private SftpEventListener blockingWrites() {
    return new SftpEventListener() {
      @Override
      public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
          int dataOffset, int dataLen) {
        if (writesBlock) {
          try {
            released.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    };
  }

  private Destination destination(int port) throws IOException {
    Path knownHosts = Files.writeString(config.resolve("known_hosts"),
        EmbeddedSftpServer.plainEntry(port, EmbeddedSftpServer.HOST_KEY.getPublic()) + "\n");
    return new Destination(java.net.URI.create("sftp://exporter@127.0.0.1:" + port + "/outbox"),
        Map.of("knownHosts", knownHosts.toString(), "readTimeout", READ_TIMEOUT.toString(), "connectTimeout", "PT2S",
            "maxAttempts", "1"),
        Map.of("password", SecretRef.of("vault:sftp")), false);
  }

  private java.util.List<Path> leftovers() throws IOException {
    try (Stream<Path> files = Files.list(root.resolve("outbox"))) {
      return files.toList();
    }
  }

  private int awaitNoConnection() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (server.connections() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return server.connections();
  }
}
