package io.exportkit.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures everything written to {@code System.err} while open, which is where slf4j-simple writes
 * every log line (it looks the stream up for each line); the lines still reach the console. For
 * tests that prove no secret reaches a log:
 *
 * <pre>{@code
 * try (CapturedStandardError log = new CapturedStandardError()) {
 *   runAFailingDelivery();
 *   assertThat(log.text()).doesNotContain(password);
 * }
 * }</pre>
 *
 * <p>Thread-safe; one at a time per JVM, since it replaces {@code System.err} until closed.
 */
public final class CapturedStandardError implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  /** Starts capturing. */
  public CapturedStandardError() {
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

  /** What was written so far, as UTF-8 text. */
  public String text() {
    return captured.toString(StandardCharsets.UTF_8);
  }

  /** Puts the original {@code System.err} back. */
  @Override
  public void close() {
    System.setErr(original);
  }
}
