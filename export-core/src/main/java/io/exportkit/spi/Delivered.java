package io.exportkit.spi;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * What a committed upload reports.
 *
 * @param location where the file now is, e.g. {@code file:/srv/exports/weekly.csv}
 * @param size the size the destination reports for it, in bytes, or {@code -1} when unknown
 * @param details what the transport has to say about the delivered file, added to {@link
 *     io.exportkit.ExportRun#details()}: e.g. {@code verified} → {@code size only} when the
 *     destination reported no checksum to compare; empty when none
 */
public record Delivered(URI location, long size, Map<String, String> details) {
  public Delivered {
    Objects.requireNonNull(location, "location");
    details = Map.copyOf(details);
  }

  /** A delivered file with nothing more to report. */
  public Delivered(URI location, long size) {
    this(location, size, Map.of());
  }
}
