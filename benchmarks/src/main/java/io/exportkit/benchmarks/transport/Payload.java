package io.exportkit.benchmarks.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** The bytes every upload sends: one random mebibyte, repeated; and the heap they leave behind. */
final class Payload {
  static final long SIZE = 200L * 1024 * 1024;
  /** What the pipeline hands a transport: its 64 KiB buffer's worth at a time. */
  static final int WRITE = 64 * 1024;
  private static final byte[] BLOCK = new byte[1024 * 1024];

  static {
    new Random(7).nextBytes(BLOCK);
  }

  private Payload() {}

  /** Writes the payload to {@code out} in pipeline-sized writes. */
  static void writeTo(OutputStream out) throws IOException {
    for (long sent = 0; sent < SIZE; sent += WRITE) {
      out.write(BLOCK, (int) (sent % BLOCK.length), WRITE);
    }
  }

  /** The payload as a stream, for the bare clients' own copy loops. */
  static InputStream stream() {
    return new InputStream() {
      private long position;

      @Override
      public int read() {
        return position < SIZE ? BLOCK[(int) (position++ % BLOCK.length)] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (position >= SIZE) {
          return -1;
        }
        int offset = (int) (position % BLOCK.length);
        int n = (int) Math.min(Math.min(len, BLOCK.length - offset), SIZE - position);
        System.arraycopy(BLOCK, offset, b, off, n);
        position += n;
        return n;
      }
    };
  }

  /** Starts measuring the peak heap. */
  static void resetPeakHeap() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** Prints the peak heap of the iteration that ended, and removes the files it uploaded to {@code folder}. */
  static void endIteration(Path folder) throws IOException {
    System.out.println("peak heap: " + peakHeapMib() + " MiB");
    try (var files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
  }

  /** The highest heap use since {@link #resetPeakHeap()}, summed over the heap's pools, in MiB. */
  static long peakHeapMib() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
        .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / (1024 * 1024);
  }
}
