package io.exportkit.crypto.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/** An output stream that processes what is written in pieces of at most a fixed size. */
abstract class ChunkedOutputStream extends OutputStream {
  private final int chunk;

  ChunkedOutputStream(int chunk) {
    this.chunk = chunk;
  }

  /** Processes {@code len} bytes, at most the chunk size. */
  abstract void writeChunk(byte[] b, int off, int len) throws IOException;

  @Override
  public final void write(int b) throws IOException {
    writeChunk(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public final void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    while (len > 0) {
      int n = Math.min(len, chunk);
      writeChunk(b, off, n);
      off += n;
      len -= n;
    }
  }
}
