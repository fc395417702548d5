package io.exportkit.transport.s3;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What slf4j-simple logs while open: it writes each line to whatever {@code System.err} is then.
 * The lines still reach the console.
 */
final class CapturedLog implements AutoCloseable {
  private final PrintStream console = System.err;
  private final ByteArrayOutputStream lines = new ByteArrayOutputStream();

  CapturedLog() {
    PrintStream copy = new PrintStream(lines, true, StandardCharsets.UTF_8);
    System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8) {
      @Override
      public void write(byte[] b, int off, int len) {
        super.write(b, off, len);
        copy.write(b, off, len);
      }
    });
  }

  String text() {
    return lines.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    System.setErr(console);
  }
}
