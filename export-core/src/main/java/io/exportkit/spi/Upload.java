package io.exportkit.spi;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One file being delivered. Bytes written to {@link #stream()} stay invisible under the final name
 * until {@link #commit()} succeeds. Not thread-safe.
 *
 * <p>The pipeline writes everything, closes {@link #stream()}, then calls {@link #commit()}; on any
 * failure it calls {@link #abort()} instead. {@link #close()} without a successful commit aborts.
 *
 * <p>An upload ends before its {@link Transport}: the pipeline closes the upload, then the
 * transport, so {@link #abort()} may still use the transport's connection. When that connection is
 * broken, abort may open a new one to clean up, and closes it before returning; when it cannot
 * clean up, it logs what it left behind (never a secret) and returns.
 */
public interface Upload extends Closeable {

  /**
   * What to do when the file's name is taken, for a transport's message: "a file with this name
   * exists; " + this. It suggests tokens that differ from run to run: {@code {seq}} does not, for
   * a host (such as the demo) that creates a new export for each run, whose {@code {seq}} is 1.
   */
  String NAME_TAKEN_HINT = "change the naming template (e.g. add {run}, or the time such as"
      + " {datetime:yyyyMMdd-HHmmss}) or allow overwriting";

  /** Where the bytes go. Closing it does not commit. */
  OutputStream stream();

  /**
   * Makes the file visible under its final name, atomically, after checking that the destination
   * holds every byte written.
   *
   * @throws java.nio.file.FileAlreadyExistsException when a file with that name exists and the
   *     destination does not allow overwriting
   * @throws IOException when the file could not be made visible; nothing partial remains
   */
  Delivered commit() throws IOException;

  /** Removes whatever was written. Never throws; safe to call more than once or after commit fails. */
  void abort();

  /** Aborts unless committed. */
  @Override
  void close();
}
