package io.exportkit.format.json;

import io.exportkit.FormatSpec;
import io.exportkit.format.internal.Options;
import io.exportkit.spi.FormatWriter;
import io.exportkit.spi.FormatWriterProvider;
import io.exportkit.spi.Schema;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

/**
 * The {@code json} format: UTF-8 JSON (RFC 8259) written with Jackson's streaming
 * {@code JsonGenerator}. Stateless and thread-safe; registered in
 * {@code META-INF/services/io.exportkit.spi.FormatWriterProvider}.
 *
 * <p>By default a file is one array with one object per record, one object per line:
 *
 * <pre>{@code
 * [
 * {"Id":1,"Name":"Ann","Winner":true,"Played at":"2026-05-01T10:15:30+02:00"},
 * {"Id":2,"Name":null,"Winner":false,"Played at":"2026-05-01T10:16:02+02:00"}
 * ]
 * }</pre>
 *
 * <p>An export without records is {@code []}. With {@code layout=ndjson} the file is
 * newline-delimited JSON instead: the same objects, each on its own line ending with LF, without
 * the brackets and commas, and empty when there is no record.
 *
 * <p>Each object has one member per column, in column order, even when its value is null. Its key
 * is the column label; when several columns share a label, the second gets the suffix {@code _2},
 * the third {@code _3}, and so on, so that every key of an object is unique. Values keep their JSON
 * type: {@code INTEGER} and {@code DECIMAL} columns are numbers in plain notation ({@code 1234.50},
 * trailing zeros kept), {@code BOOLEAN} columns {@code true} or {@code false}, null values
 * {@code null}. {@code DATE} and {@code DATE_TIME} columns are ISO-8601 strings
 * ({@code "2026-05-01"}, {@code "2026-05-01T10:15:30+02:00"} with the offset of the schema's zone).
 * A column with a pattern is written as the string the pattern gives ({@code "1,234.50"},
 * {@code "01/05/2026"}): a {@link java.text.DecimalFormat} pattern for numbers, a {@link
 * java.time.format.DateTimeFormatter} pattern for dates and date-times.
 *
 * <p>Text is written as it is: no formula neutralisation, which concerns spreadsheets only. Jackson
 * escapes what JSON requires ({@code "}, <code>&#92;</code>, control characters as <code>&#92;n</code>, <code>&#92;t</code>,
 * <code>&#92;u0000</code>…); other characters, emoji included, are written as UTF-8. A lone surrogate, which
 * UTF-8 cannot encode, is written as a <code>&#92;uD83D</code> escape, so the text reads back as it was.
 *
 * <p>Options, all optional:
 * <ul>
 *   <li>{@code layout}: {@code array} or {@code ndjson}; default {@code array}
 * </ul>
 */
public final class JsonFormatWriterProvider implements FormatWriterProvider {

  /** For {@link java.util.ServiceLoader}. */
  public JsonFormatWriterProvider() {}

  @Override
  public String id() {
    return "json";
  }

  /** {@code application/json}, whatever the layout. */
  @Override
  public String mediaType() {
    return "application/json";
  }

  @Override
  public List<String> validate(FormatSpec format) {
    Objects.requireNonNull(format, "format");
    return Options.problems(format, JsonOptions::read);
  }

  /**
   * What {@link #validate(FormatSpec)} reports, then each column whose pattern is invalid, asks for
   * what its type lacks (hours of a {@code DATE}) or is given to a column whose type takes none.
   */
  @Override
  public List<String> validate(FormatSpec format, Schema schema) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(schema, "schema");
    return Options.problems(format, schema, JsonOptions::read);
  }

  /**
   * Opens a writer that writes the array's opening bracket straight away, if any. {@link
   * FormatWriter#finish()} flushes {@code out} and never closes it.
   *
   * @throws IllegalArgumentException when {@code format}'s options are invalid, or a column's pattern
   *     is invalid or given to a column whose type takes none (see {@link #validate(FormatSpec,
   *     Schema)})
   */
  @Override
  public FormatWriter open(OutputStream out, Schema schema, FormatSpec format) throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(format, "format");
    return JsonFormatWriter.open(out, schema, Options.parse(format, JsonOptions::read));
  }
}
