package io.exportkit.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** One configured transformation of the byte stream, for one file. */
public interface OutputStage {

  /** The extension this stage adds to the file name, without a dot: {@code gz}, {@code gpg}. */
  String extension();

  /**
   * Whether the extension replaces the inner one instead of following it: a zip archive is
   * {@code winners.zip}, not {@code winners.csv.zip}.
   */
  default boolean replacesExtension() {
    return false;
  }

  /**
   * Wraps {@code downstream}. Closing the returned stream writes the stage's trailer and closes
   * {@code downstream}.
   */
  OutputStream wrap(OutputStream downstream) throws IOException;

  /**
   * What this stage reports about the file once its stream is closed, recorded on the run's
   * {@link io.exportkit.ExportRun#details()}: e.g. {@code recipients} → the OpenPGP recipients'
   * fingerprints. Never a secret. Empty by default.
   */
  default Map<String, String> details() {
    return Map.of();
  }
}
