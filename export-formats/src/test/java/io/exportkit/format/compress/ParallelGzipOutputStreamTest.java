package io.exportkit.format.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelGzipOutputStreamTest {

  private static final int BLOCK = 32 * 1024;

  private final ExecutorService pool = Executors.newFixedThreadPool(3);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  private ParallelGzipOutputStream gzip(OutputStream out) throws IOException {
    return new ParallelGzipOutputStream(out, () -> new Deflater(6, true), BLOCK, 3, pool);
  }

  private byte[] compress(byte[] input) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream out = gzip(compressed)) {
      // Odd-sized writes, so that blocks fill across calls.
      for (int off = 0; off < input.length; off += 10_007) {
        out.write(input, off, Math.min(10_007, input.length - off));
      }
    }
    return compressed.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK, 17 * BLOCK + 123})
  void gzipInputStreamReadsBackWhatWasWritten(int size) throws IOException {
    byte[] input = text(size);

    byte[] compressed = compress(input);

    assertThat(gunzip(compressed)).isEqualTo(input);
  }

  @Test
  void gzipInputStreamReadsBackIncompressibleBytes() throws IOException {
    byte[] input = new byte[9 * BLOCK + 5];
    new Random(7).nextBytes(input);

    byte[] compressed = compress(input);

    assertThat(gunzip(compressed)).isEqualTo(input);
  }

  @Test
  void theGzipCommandReadsItBack() throws Exception {
    byte[] input = text(20 * BLOCK + 77);
    byte[] compressed = compress(input);

    Process gzip = new ProcessBuilder("gzip", "-d", "-c").start();
    try (OutputStream stdin = gzip.getOutputStream()) {
      stdin.write(compressed);
    }
    byte[] output;
    try (InputStream stdout = gzip.getInputStream()) {
      output = stdout.readAllBytes();
    }

    assertThat(gzip.waitFor()).as("gzip -d exit code; stderr: %s",
        new String(gzip.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    assertThat(output).isEqualTo(input);
  }

  @Test
  void compressesAboutAsWellAsASingleThreadedGzipStream() throws IOException {
    byte[] input = text(40 * BLOCK);
    ByteArrayOutputStream single = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(single)) {
      out.write(input);
    }

    byte[] compressed = compress(input);

    assertThat(compressed.length).isLessThan(single.size() + single.size() / 50 + 200);
  }

  @Test
  void keepsAtMostTheAllowedBlocksInFlight() throws IOException {
    List<Future<?>> submitted = new ArrayList<>();
    AtomicInteger mostUnfinished = new AtomicInteger();
    AtomicInteger deflaters = new AtomicInteger();
    OutputStream out = new ParallelGzipOutputStream(OutputStream.nullOutputStream(), () -> {
      deflaters.incrementAndGet();
      return new Deflater(6, true);
    }, BLOCK, 2, task -> {
      submitted.add((Future<?>) task);
      mostUnfinished.accumulateAndGet((int) submitted.stream().filter(f -> !f.isDone()).count(), Math::max);
      pool.execute(task);
    });

    out.write(text(50 * BLOCK));
    out.close();

    assertThat(submitted).hasSize(51);
    assertThat(mostUnfinished.get()).isBetween(1, 2);
    // At most one buffer per block in flight plus the one being filled; fewer when blocks finish fast.
    assertThat(deflaters.get()).isBetween(2, 3);
  }

  @Test
  @Timeout(30)
  void aFailingCompressionIsThrownAsAnIOExceptionAndCloseReleasesEverything() throws IOException {
    AtomicInteger blocks = new AtomicInteger();
    ClosingRecorder downstream = new ClosingRecorder();
    OutputStream out = new ParallelGzipOutputStream(downstream, () -> new FailingDeflater(blocks), BLOCK, 3, pool);

    assertThatThrownBy(() -> {
      for (int i = 0; i < 100; i++) {
        out.write(text(BLOCK));
      }
    }).isInstanceOf(IOException.class)
        .hasMessageStartingWith("compressing a block of the gzip stream failed: java.lang.IllegalStateException: the"
            + " third block fails")
        .hasRootCauseMessage("the third block fails");
    out.close();

    assertThat(downstream.closed).isTrue();
    assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class)
        .hasMessage("the gzip stream failed earlier and cannot be written to");
  }

  @Test
  @Timeout(30)
  void aFailureOfTheLastBlockIsThrownByClose() throws IOException {
    AtomicInteger blocks = new AtomicInteger();
    ClosingRecorder downstream = new ClosingRecorder();
    OutputStream out = new ParallelGzipOutputStream(downstream, () -> new FailingDeflater(blocks), BLOCK, 3, pool);
    out.write(text(2 * BLOCK + 10));

    assertThatThrownBy(out::close).isInstanceOf(IOException.class).hasRootCauseMessage("the third block fails");

    assertThat(downstream.closed).isTrue();
  }

  @Test
  void aRefusedBlockIsAnIOException() throws IOException {
    ClosingRecorder downstream = new ClosingRecorder();
    OutputStream out = new ParallelGzipOutputStream(downstream, () -> new Deflater(6, true), BLOCK, 3, task -> {
      throw new RejectedExecutionException("shut down");
    });

    assertThatThrownBy(() -> out.write(text(BLOCK))).isInstanceOf(IOException.class)
        .hasMessage("the gzip compression threads refused a block: shut down");
    out.close();

    assertThat(downstream.closed).isTrue();
  }

  @Test
  void writingAfterCloseFails() throws IOException {
    OutputStream out = gzip(new ByteArrayOutputStream());
    out.close();

    assertThatThrownBy(() -> out.write(new byte[1])).isInstanceOf(IOException.class)
        .hasMessage("the gzip stream is closed");
  }

  /** Lines of text, about as compressible as an export. */
  static byte[] text(int size) {
    StringBuilder text = new StringBuilder();
    Random random = new Random(size);
    for (int line = 0; text.length() < size; line++) {
      text.append(line).append(",participant-").append(random.nextInt(100_000)).append(",user")
          .append(random.nextInt(1000)).append("@example.org,").append(random.nextInt(500)).append("\r\n");
    }
    return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] gunzip(byte[] compressed) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      return in.readAllBytes();
    }
  }

  /** Fails when it deflates the third block any deflater of the stream gets. */
  private static final class FailingDeflater extends Deflater {
    private final AtomicInteger blocks;

    FailingDeflater(AtomicInteger blocks) {
      super(6, true);
      this.blocks = blocks;
    }

    @Override
    public void setInput(byte[] input, int off, int len) {
      if (blocks.incrementAndGet() == 3) {
        throw new IllegalStateException("the third block fails");
      }
      super.setInput(input, off, len);
    }
  }

  private static final class ClosingRecorder extends ByteArrayOutputStream {
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }
}
