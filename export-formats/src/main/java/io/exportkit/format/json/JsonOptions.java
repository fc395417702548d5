package io.exportkit.format.json;

import io.exportkit.FormatSpec;
import io.exportkit.format.internal.Options;

/**
 * The JSON options of a {@link FormatSpec}, parsed. Immutable and thread-safe.
 *
 * @param layout how the records are laid out in the file
 */
record JsonOptions(Layout layout) {

  static final String LAYOUT = "layout";

  /** How the records are laid out in the file. */
  enum Layout {
    /** One JSON array of objects, one object per line. */
    ARRAY,
    /** Newline-delimited JSON: one object per line, each line ending with LF, and nothing else. */
    NDJSON
  }

  /** Reads the options; {@link Options#parse} and {@link Options#problems} run it. */
  static JsonOptions read(Options options) {
    return new JsonOptions(options.choice(LAYOUT, Layout.ARRAY));
  }
}
