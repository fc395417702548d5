package io.exportkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.BYTE_ARRAY;

import io.exportkit.Destination;
import io.exportkit.SecretResolver;
import io.exportkit.spi.Delivered;
import io.exportkit.spi.Transport;
import io.exportkit.spi.TransportProvider;
import io.exportkit.spi.Upload;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link TransportProvider} keeps, as an abstract JUnit 5 test in the manner of
 * Micrometer's {@code MeterRegistryCompatibilityKit}. A transport's test extends it, says how to
 * reach a destination and how to look at that destination without the transport, and inherits
 * every check:
 *
 * <pre>{@code
 * class SftpTransportContractTest extends TransportContractTest {
 *   protected TransportProvider provider() { return new SftpTransportProvider(); }
 *   protected Destination destination() { return Destination.of("sftp://test@localhost:" + port + "/upload"); }
 *   protected Optional<byte[]> read(String fileName) throws Exception { return server.read("/upload/" + fileName); }
 *   protected SecretResolver secrets() { return InMemorySecretResolver.of().with("password", "test"); }
 *   protected long largeStreamSize() { return 50_000_000; }
 * }
 * }</pre>
 *
 * <p>Each test writes files under names of its own, so one destination may serve every test.
 * Uploads follow the pipeline's order: write, close the stream, then commit or abort.
 */
public abstract class TransportContractTest {

  /** The size of the large stream unless {@link #largeStreamSize()} says otherwise: 8 MiB. */
  protected static final long DEFAULT_LARGE_STREAM_SIZE = 8L * 1024 * 1024;

  /** The transport under test. */
  protected abstract TransportProvider provider();

  /**
   * A destination the transport can deliver to, which does not allow overwriting; the overwrite
   * checks derive one that does with {@link Destination#withOverwrite(boolean)}.
   */
  protected abstract Destination destination();

  /**
   * The content of the file called {@code fileName} at {@link #destination()}, read without the
   * transport under test (from the folder, the test server, the bucket); empty when there is none.
   */
  protected abstract Optional<byte[]> read(String fileName) throws Exception;

  /** The secrets the destination references; none by default. */
  protected SecretResolver secrets() {
    return SecretResolver.NONE;
  }

  /** How many bytes the large-stream check sends; {@value #DEFAULT_LARGE_STREAM_SIZE} by default. */
  protected long largeStreamSize() {
    return DEFAULT_LARGE_STREAM_SIZE;
  }

  @Nested
  @DisplayName("commit")
  class Commit {

    @Test
    void commitMakesTheFileVisibleWithTheExactBytes() throws Exception {
      String name = uniqueName("exact.bin");
      byte[] bytes = everyByteValue();

      Delivered delivered;
      try (Transport transport = open(destination()); Upload upload = transport.upload(name)) {
        OutputStream out = upload.stream();
        out.write(bytes[0]);
        out.write(bytes, 1, bytes.length - 1);
        out.close();
        delivered = upload.commit();
      }

      assertThat(read(name)).get(BYTE_ARRAY).isEqualTo(bytes);
      assertThat(delivered.size()).isIn(-1L, (long) bytes.length);
    }

    @Test
    void nothingIsVisibleBeforeCommit() throws Exception {
      String name = uniqueName("pending.txt");

      try (Transport transport = open(destination()); Upload upload = transport.upload(name)) {
        upload.stream().write(text("not yet"));
        upload.stream().close();

        assertThat(read(name)).as("before commit").isEmpty();

        upload.commit();
      }
      assertThat(read(name)).as("after commit").get(BYTE_ARRAY).isEqualTo(text("not yet"));
    }

    @Test
    void closingACommittedUploadKeepsTheFile() throws Exception {
      String name = uniqueName("kept.txt");
      Transport transport = open(destination());
      Upload upload = transport.upload(name);
      upload.stream().write(text("kept"));
      upload.stream().close();
      upload.commit();

      upload.close();
      upload.abort();
      transport.close();

      assertThat(read(name)).get(BYTE_ARRAY).isEqualTo(text("kept"));
    }

    @Test
    void severalUploadsThroughOneTransportAllArrive() throws Exception {
      List<String> names = List.of(uniqueName("first.txt"), uniqueName("second.txt"));

      try (Transport transport = open(destination())) {
        for (String name : names) {
          try (Upload upload = transport.upload(name)) {
            upload.stream().write(text(name));
            upload.stream().close();
            upload.commit();
          }
        }
      }

      for (String name : names) {
        assertThat(read(name)).as(name).get(BYTE_ARRAY).isEqualTo(text(name));
      }
    }
  }

  @Nested
  @DisplayName("abort")
  class Abort {

    @Test
    void abortLeavesNothing() throws Exception {
      String name = uniqueName("aborted.txt");

      try (Transport transport = open(destination()); Upload upload = transport.upload(name)) {
        upload.stream().write(text("discard me"));
        upload.stream().close();
        upload.abort();
      }

      assertThat(read(name)).isEmpty();
    }

    @Test
    void closeWithoutCommitAborts() throws Exception {
      String name = uniqueName("unclosed.txt");

      try (Transport transport = open(destination()); Upload upload = transport.upload(name)) {
        upload.stream().write(text("discard me"));
        upload.stream().close();
      }

      assertThat(read(name)).isEmpty();
    }

    @Test
    void failureMidStreamThenAbortLeavesNothing() throws Exception {
      String name = uniqueName("half.bin");
      byte[] half = new byte[64 * 1024];
      new Random(1).nextBytes(half);

      try (Transport transport = open(destination()); Upload upload = transport.upload(name)) {
        try (OutputStream out = upload.stream()) {
          out.write(half);
          out.flush();
        }
        // The source failed here: the pipeline closed the stream and now aborts.
        upload.abort();
      }

      assertThat(read(name)).isEmpty();
    }

    @Test
    void abortCanBeRepeated() throws Exception {
      String name = uniqueName("twice.txt");

      try (Transport transport = open(destination()); Upload upload = transport.upload(name)) {
        upload.stream().write(text("discard me"));
        upload.stream().close();
        upload.abort();

        assertThatCode(upload::abort).doesNotThrowAnyException();
      }
      assertThat(read(name)).isEmpty();
    }
  }

  @Nested
  @DisplayName("file names")
  class FileNames {

    @Test
    void namesWithSpacesAndNonAsciiLettersArriveUnchanged() throws Exception {
      List<String> names = List.of(
          uniqueName("weekly report.csv"), uniqueName("résultats été 2026.csv"), uniqueName("Zoë Ωmega 東京.csv"));

      try (Transport transport = open(destination())) {
        for (String name : names) {
          deliver(transport, name, text(name));
        }
      }

      for (String name : names) {
        assertThat(read(name)).as(name).get(BYTE_ARRAY).isEqualTo(text(name));
      }
    }
  }

  @Nested
  @DisplayName("overwrite")
  class Overwrite {

    @Test
    void anExistingFileIsKeptWhenOverwriteIsNotAllowed() throws Exception {
      String name = uniqueName("taken.txt");
      try (Transport transport = open(destination())) {
        deliver(transport, name, text("original"));
      }

      try (Transport transport = open(destination()); Upload upload = transport.upload(name)) {
        upload.stream().write(text("replacement"));
        upload.stream().close();

        assertThatThrownBy(upload::commit).isInstanceOf(FileAlreadyExistsException.class);
      }

      assertThat(read(name)).get(BYTE_ARRAY).isEqualTo(text("original"));
    }

    @Test
    void anExistingFileIsReplacedWhenOverwriteIsAllowed() throws Exception {
      String name = uniqueName("replaced.txt");
      try (Transport transport = open(destination())) {
        deliver(transport, name, text("original"));
      }

      try (Transport transport = open(destination().withOverwrite(true))) {
        deliver(transport, name, text("replacement"));
      }

      assertThat(read(name)).get(BYTE_ARRAY).isEqualTo(text("replacement"));
    }
  }

  @Nested
  @DisplayName("large stream")
  class LargeStream {

    @Test
    void aLargeStreamArrivesIntact() throws Exception {
      String name = uniqueName("large.bin");
      MessageDigest sent = MessageDigest.getInstance("SHA-256");
      Random random = new Random(42);
      byte[] chunk = new byte[64 * 1024];

      try (Transport transport = open(destination()); Upload upload = transport.upload(name)) {
        try (OutputStream out = upload.stream()) {
          for (long left = largeStreamSize(); left > 0; left -= chunk.length) {
            random.nextBytes(chunk);
            int length = (int) Math.min(chunk.length, left);
            out.write(chunk, 0, length);
            sent.update(chunk, 0, length);
          }
        }
        upload.commit();
      }

      byte[] received = read(name).orElseThrow(() -> new AssertionError("no file " + name + " after commit"));
      assertThat((long) received.length).isEqualTo(largeStreamSize());
      assertThat(MessageDigest.getInstance("SHA-256").digest(received)).isEqualTo(sent.digest());
    }
  }

  @Nested
  @DisplayName("release")
  class Release {

    /**
     * Failed uploads in the pipeline's order (abort the upload, then close the transport), one of
     * them a commit refused because the name is taken: afterwards the server holds no connection of
     * ours and the JVM runs no more threads than after the first one.
     */
    @Test
    void failedUploadsReleaseEveryConnectionAndThread() throws Exception {
      String taken = uniqueName("taken-release.txt");
      try (Transport transport = open(destination())) {
        deliver(transport, taken, text("original"));
      }
      failOnce(uniqueName("warm-up.txt"));
      int threadsAfterOne = settledThreadCount();

      for (int i = 0; i < 3; i++) {
        failOnce(uniqueName("released-" + i + ".txt"));
        try (Transport transport = open(destination()); Upload upload = transport.upload(taken)) {
          upload.stream().write(text("refused"));
          upload.stream().close();
          assertThatThrownBy(upload::commit).isInstanceOf(FileAlreadyExistsException.class);
        }
      }

      assertThat(awaitThreadsAtMost(threadsAfterOne)).as("live threads after 7 more failed uploads")
          .isLessThanOrEqualTo(threadsAfterOne);
      long deadline = System.nanoTime() + RELEASE_WAIT.toNanos();
      while (serverConnections().orElse(0) > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(serverConnections().orElse(0)).as("connections the server still holds").isZero();
    }

    private void failOnce(String name) throws Exception {
      Transport transport = open(destination());
      Upload upload = transport.upload(name);
      upload.stream().write(new byte[16 * 1024]);
      upload.abort();
      upload.close();
      transport.close();
      assertThat(read(name)).isEmpty();
    }

    /** The live thread count once it is at most {@code bound}, or after {@link #RELEASE_WAIT}. */
    private int awaitThreadsAtMost(int bound) throws InterruptedException {
      long deadline = System.nanoTime() + RELEASE_WAIT.toNanos();
      while (Thread.activeCount() > bound && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      return Thread.activeCount();
    }

    /** The live thread count once it has not changed for 200 ms (a failure's threads wound down). */
    private int settledThreadCount() throws InterruptedException {
      long deadline = System.nanoTime() + RELEASE_WAIT.toNanos();
      int count = Thread.activeCount();
      for (int same = 0; same < 10 && System.nanoTime() < deadline; ) {
        Thread.sleep(20);
        int now = Thread.activeCount();
        same = now == count ? same + 1 : 0;
        count = now;
      }
      return count;
    }
  }

  /** How long the release check waits for connections and threads to end. */
  private static final Duration RELEASE_WAIT = Duration.ofSeconds(10);

  /**
   * How many connections the destination's server holds open right now, counted on the server
   * (e.g. FtpServer's statistics, MINA SSHD's active sessions); empty where there is no server
   * to ask (local folder, memory, HTTP stores whose connections the client pools).
   */
  protected OptionalInt serverConnections() {
    return OptionalInt.empty();
  }

  private Transport open(Destination destination) throws Exception {
    return provider().open(destination, secrets());
  }

  private static void deliver(Transport transport, String name, byte[] bytes) throws Exception {
    try (Upload upload = transport.upload(name)) {
      upload.stream().write(bytes);
      upload.stream().close();
      upload.commit();
    }
  }

  /** {@code name} behind a prefix of its own, so that tests sharing a destination never collide. */
  private static String uniqueName(String name) {
    return UUID.randomUUID().toString().substring(0, 8) + "-" + name;
  }

  private static byte[] everyByteValue() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
