package io.exportkit.spi;

import io.exportkit.FormatSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A file format: {@code csv}, {@code json}, {@code xml}, {@code txt}. Stateless and thread-safe;
 * registered in {@code META-INF/services/io.exportkit.spi.FormatWriterProvider}.
 */
public interface FormatWriterProvider {

  /** Stable lower-case id, also the file extension: {@code "csv"}. */
  String id();

  /** The media type of the files written, e.g. {@code text/csv}. */
  String mediaType();

  /**
   * What is wrong with {@code format}'s options, one message per problem that names the option and
   * what it accepts; empty when they are fine. Called when an export is created or updated.
   */
  List<String> validate(FormatSpec format);

  /** Opens a writer of {@code schema}'s records to {@code out}, which it never closes. */
  FormatWriter open(OutputStream out, Schema schema, FormatSpec format) throws IOException;
}
