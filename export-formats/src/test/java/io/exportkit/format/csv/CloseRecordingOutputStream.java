package io.exportkit.format.csv;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps what is written and records whether it was flushed or closed. */
final class CloseRecordingOutputStream extends ByteArrayOutputStream {
  private boolean closed;
  private int flushes;

  @Override
  public void flush() {
    flushes++;
  }

  @Override
  public void close() {
    closed = true;
  }

  boolean closed() {
    return closed;
  }

  int flushes() {
    return flushes;
  }

  String text() {
    return toString(StandardCharsets.UTF_8);
  }
}
