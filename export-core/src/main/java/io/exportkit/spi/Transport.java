package io.exportkit.spi;

import java.io.Closeable;
import java.io.IOException;

/**
 * A connection to one destination, opened by a {@link TransportProvider} for one run and closed
 * after it. Not thread-safe.
 *
 * <p>{@link #close()} comes after every {@link Upload} it started has been committed or aborted,
 * and releases every connection and thread the transport holds.
 */
public interface Transport extends Closeable {

  /**
   * Starts delivering a file called {@code fileName} (already sanitised: no path separator, no
   * {@code ..}, no control character).
   */
  Upload upload(String fileName) throws IOException;
}
