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
   * What is wrong with {@code format}'s options on their own, one message per problem that names
   * the option and what it accepts; empty when they are fine. Called when an export is created,
   * updated or published but its columns are not known yet (its operation is missing, or a custom
   * draft has no field yet).
   */
  List<String> validate(FormatSpec format);

  /**
   * What is wrong with {@code format}'s options for {@code schema}'s columns, one message per
   * problem that names the option or the column and what to fix; empty when the format can write
   * them. Called when an export is created, updated or published and its columns are known, so that
   * what {@link #open} would refuse (a column's pattern, a list of widths of the wrong length) is
   * reported then, not when a run opens the file. The default checks the options alone; a format
   * that reads the columns' patterns or widths overrides it, and must report everything
   * {@link #validate(FormatSpec)} does.
   */
  default List<String> validate(FormatSpec format, Schema schema) {
    return validate(format);
  }

  /**
   * Opens a writer of {@code schema}'s records to {@code out}, which it never closes. A format
   * still checks here what {@link #validate(FormatSpec, Schema)} checks, for callers that skip it,
   * and throws {@link IllegalArgumentException} saying what to fix.
   */
  FormatWriter open(OutputStream out, Schema schema, FormatSpec format) throws IOException;
}
