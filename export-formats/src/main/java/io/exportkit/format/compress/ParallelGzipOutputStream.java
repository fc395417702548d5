package io.exportkit.format.compress;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream whose blocks are deflated in parallel, as pigz does: one gzip member whose deflate
 * data is the concatenation of blocks, each compressed by its own raw {@link Deflater}, primed with
 * the 32 KiB of input before it, and ended with a sync flush (the last one with the final block).
 * The CRC-32 and size trailer is computed on the writing thread. Output is written in block order,
 * on the writing thread. At most {@code maxInFlight} blocks wait for or undergo compression, so
 * memory is bounded.
 *
 * <p>A failure of a compressing task is thrown by the next {@code write}, {@code flush} or
 * {@code close} as an {@link IOException}; after it, {@code close} releases what the stream holds
 * and closes the stream below without writing a trailer. Not thread-safe.
 */
final class ParallelGzipOutputStream extends OutputStream {

  static final int BLOCK_SIZE = 128 * 1024;
  private static final int DICTIONARY = 32 * 1024;
  /** Magic, deflate, no flags, no time, no extra flags, unknown OS. */
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  private final OutputStream out;
  private final Executor executor;
  private final int blockSize;
  private final ArrayDeque<Block> free = new ArrayDeque<>();
  private final ArrayDeque<Block> inFlight = new ArrayDeque<>();
  private final List<Block> all = new ArrayList<>();
  private final CRC32 crc = new CRC32();
  private final int maxInFlight;
  private final Supplier<Deflater> deflaters;
  private Block current;
  private long size;
  private boolean failed;
  private boolean closed;

  /**
   * Writes the gzip header to {@code out} straight away.
   *
   * @param deflaters makes the raw ({@code nowrap}) deflaters, one per block buffer, at the level wanted
   * @param maxInFlight how many blocks may be compressing or waiting for a thread at once
   * @param executor runs the compression of blocks
   */
  ParallelGzipOutputStream(OutputStream out, Supplier<Deflater> deflaters, int blockSize, int maxInFlight,
      Executor executor) throws IOException {
    if (blockSize < DICTIONARY || maxInFlight < 1) {
      throw new IllegalArgumentException("blocks of at least " + DICTIONARY + " bytes and at least one in flight;"
          + " got " + blockSize + " and " + maxInFlight);
    }
    this.out = out;
    this.deflaters = deflaters;
    this.blockSize = blockSize;
    this.maxInFlight = maxInFlight;
    this.executor = executor;
    this.current = newBlock();
    out.write(HEADER);
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    current.input[current.length++] = (byte) b;
    if (current.length == blockSize) {
      submit(false);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    ensureOpen();
    while (len > 0) {
      int n = Math.min(len, blockSize - current.length);
      System.arraycopy(b, off, current.input, current.length, n);
      current.length += n;
      off += n;
      len -= n;
      if (current.length == blockSize) {
        submit(false);
      }
    }
  }

  /** Writes the blocks already compressed and flushes the stream below; the block being filled waits for more. */
  @Override
  public void flush() throws IOException {
    ensureOpen();
    writeDone();
    out.flush();
  }

  /** Compresses what is left, writes the trailer and closes the stream below; after a failure, only cleans up. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!failed) {
        submit(true);
        while (!inFlight.isEmpty()) {
          writeOldest();
        }
        byte[] trailer = new byte[8];
        littleEndian(trailer, 0, crc.getValue());
        littleEndian(trailer, 4, size);
        out.write(trailer);
      }
    } finally {
      try {
        release();
      } finally {
        out.close();
      }
    }
  }

  private void ensureOpen() throws IOException {
    if (failed) {
      throw new IOException("the gzip stream failed earlier and cannot be written to");
    }
    if (closed) {
      throw new IOException("the gzip stream is closed");
    }
  }

  /** Hands the current block to a thread and starts the next one, primed with the current one's end. */
  private void submit(boolean last) throws IOException {
    Block block = current;
    crc.update(block.input, 0, block.length);
    size += block.length;
    block.last = last;
    if (!last) {
      Block next = free.isEmpty() && all.size() <= maxInFlight ? newBlock() : takeFree();
      int dictionary = Math.min(DICTIONARY, block.length);
      System.arraycopy(block.input, block.length - dictionary, next.dictionary, 0, dictionary);
      next.dictionaryLength = dictionary;
      current = next;
    }
    while (inFlight.size() >= maxInFlight) {
      writeOldest();
    }
    FutureTask<Void> task = new FutureTask<>(block::compress, null);
    block.task = task;
    inFlight.addLast(block);
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      failed = true;
      throw new IOException("the gzip compression threads refused a block: " + e.getMessage(), e);
    }
    writeDone();
  }

  /** Writes the oldest blocks in flight that are compressed already, without waiting. */
  private void writeDone() throws IOException {
    while (!inFlight.isEmpty() && inFlight.peekFirst().task.isDone()) {
      writeOldest();
    }
  }

  private Block newBlock() {
    Block block = new Block(new byte[blockSize], new byte[DICTIONARY], deflaters.get(), blockSize);
    all.add(block);
    return block;
  }

  /** A free block, after writing out the oldest one in flight if none is free. */
  private Block takeFree() throws IOException {
    while (free.isEmpty()) {
      writeOldest();
    }
    return free.removeFirst();
  }

  /** Waits for the oldest block in flight, writes its output and frees it. */
  private void writeOldest() throws IOException {
    Block block = inFlight.peekFirst();
    try {
      block.task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed = true;
      throw new InterruptedIOException("interrupted while waiting for a gzip block to be compressed");
    } catch (ExecutionException e) {
      failed = true;
      throw new IOException("compressing a block of the gzip stream failed: " + e.getCause(), e.getCause());
    }
    inFlight.removeFirst();
    out.write(block.output, 0, block.outputLength);
    block.length = 0;
    free.addLast(block);
  }

  /** Stops or waits for the blocks still in flight, then frees every deflater. */
  private void release() {
    boolean interrupted = false;
    for (Block block : inFlight) {
      if (!block.task.cancel(false)) {
        // Running or done: a compression ends on its own, so this wait is short.
        while (true) {
          try {
            block.task.get();
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          } catch (ExecutionException | CancellationException e) {
            break;
          }
        }
      }
    }
    inFlight.clear();
    all.forEach(block -> block.deflater.end());
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void littleEndian(byte[] b, int off, long value) {
    for (int i = 0; i < 4; i++) {
      b[off + i] = (byte) (value >>> 8 * i);
    }
  }

  /** One block: its input, the dictionary before it, and its compressed output once its task is done. */
  private static final class Block {
    final byte[] input;
    final byte[] dictionary;
    final Deflater deflater;
    int length;
    int dictionaryLength;
    boolean last;
    byte[] output;
    int outputLength;
    FutureTask<Void> task;

    Block(byte[] input, byte[] dictionary, Deflater deflater, int blockSize) {
      this.input = input;
      this.dictionary = dictionary;
      this.deflater = deflater;
      this.output = new byte[blockSize + blockSize / 8 + 64];
    }

    /** Deflates the input, ending with a sync flush, or with the final block if it is the last. */
    void compress() {
      deflater.reset();
      if (dictionaryLength > 0) {
        deflater.setDictionary(dictionary, 0, dictionaryLength);
      }
      deflater.setInput(input, 0, length);
      if (last) {
        deflater.finish();
      }
      outputLength = 0;
      while (true) {
        if (outputLength == output.length) {
          output = Arrays.copyOf(output, output.length * 2);
        }
        int room = output.length - outputLength;
        int n = deflater.deflate(output, outputLength, room, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
        outputLength += n;
        if (last ? deflater.finished() : n < room) {
          break;
        }
      }
    }
  }
}
