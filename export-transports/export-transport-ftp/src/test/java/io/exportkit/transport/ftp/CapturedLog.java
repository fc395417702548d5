package io.exportkit.transport.ftp;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Everything written to {@code System.err} while open, where slf4j-simple writes every log line
 * (it looks the stream up on each line); the lines still reach the console too.
 */
final class CapturedLog implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  CapturedLog() {
    System.setErr(new PrintStream(new OutputStream() {
      @Override
      public synchronized void write(int b) {
        original.write(b);
        captured.write(b);
      }

      @Override
      public synchronized void write(byte[] b, int off, int len) {
        original.write(b, off, len);
        captured.write(b, off, len);
      }
    }, true, StandardCharsets.UTF_8));
  }

  String text() {
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
