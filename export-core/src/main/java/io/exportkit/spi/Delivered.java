package io.exportkit.spi;

import java.net.URI;
import java.util.Objects;

/**
 * What a committed upload reports.
 *
 * @param location where the file now is, e.g. {@code file:/srv/exports/weekly.csv}
 * @param size the size the destination reports for it, in bytes, or {@code -1} when unknown
 */
public record Delivered(URI location, long size) {
  public Delivered {
    Objects.requireNonNull(location, "location");
  }
}
