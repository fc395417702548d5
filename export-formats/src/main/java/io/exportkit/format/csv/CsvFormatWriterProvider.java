package io.exportkit.format.csv;

import io.exportkit.FormatSpec;
import io.exportkit.spi.FormatWriter;
import io.exportkit.spi.FormatWriterProvider;
import io.exportkit.spi.Schema;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;

/**
 * The {@code csv} format: RFC 4180 files as Apache Commons CSV writes them. Stateless and
 * thread-safe; registered in {@code META-INF/services/io.exportkit.spi.FormatWriterProvider}.
 *
 * <p>By default a file is UTF-8 without a byte-order mark, comma-separated, with CRLF line endings
 * and a header row of the column labels. Values are quoted only when Commons CSV's minimal quoting
 * asks for it (when they hold the delimiter, a double quote, CR or LF, start with a character up
 * to {@code #} such as a space, end with a space or control character, or are an empty first value),
 * with double quotes inside doubled. A null value is written as an empty, unquoted cell.
 *
 * <p>Values are written as ISO-8601 dates ({@code 2026-05-01}), ISO-8601 date-times with the offset
 * of the schema's zone ({@code 2026-05-01T10:15:30+02:00}), plain-notation numbers and
 * {@code true}/{@code false}, unless the column has a pattern: a {@link
 * java.time.format.DateTimeFormatter} pattern for dates and date-times, a {@link
 * java.text.DecimalFormat} pattern for numbers.
 *
 * <p>Options, all optional:
 * <ul>
 *   <li>{@code delimiter}: one character other than a double quote, CR or LF; default {@code ,}
 *   <li>{@code header}: {@code true} or {@code false}; default {@code true}
 *   <li>{@code lineEnding}: {@code crlf} or {@code lf}; default {@code crlf}
 *   <li>{@code nullText}: what a null value is written as; default empty. It is written unquoted
 *       (quoted under {@code quoteMode=all}), so it cannot hold the delimiter, a double quote, CR
 *       or LF
 *   <li>{@code quoteMode}: which values are quoted, as Commons CSV's {@link
 *       org.apache.commons.csv.QuoteMode}: {@code minimal} (default, see above), {@code all} (every
 *       value and the null text), {@code all_non_null} (every value but nulls) or
 *       {@code non_numeric} (every value but nulls and the numbers of {@code INTEGER} and
 *       {@code DECIMAL} columns; a number is still quoted where minimal quoting would quote it, for
 *       instance when a pattern puts the delimiter in it)
 *   <li>{@code charset}: the file's encoding, any charset the JVM can encode, such as
 *       {@code ISO-8859-1} or {@code windows-1252}; default {@code UTF-8}
 *   <li>{@code bom}: {@code true} to start a UTF-8 file with a byte-order mark, which spreadsheets
 *       read as "this file is UTF-8"; default {@code false}; UTF-8 only
 *   <li>{@code unmappable}: what becomes of a character the charset cannot encode (such as an emoji
 *       in ISO-8859-1) or of a broken UTF-16 surrogate: {@code fail} (default) fails the export with
 *       a {@link io.exportkit.FormatException} naming the row; {@code replace} writes the charset's
 *       replacement, {@code ?} for most charsets, in its place. Nothing is ever dropped silently
 *   <li>{@value FormatSpec#NEUTRALISE_FORMULAS}: {@code true} or {@code false}; default
 *       {@code true}, see below
 * </ul>
 *
 * <p>UTF-8 files with a one-character ASCII delimiter, which is to say nearly all, are encoded
 * straight to bytes by a writer that matches Commons CSV's {@link org.apache.commons.csv.CSVPrinter}
 * byte for byte at several times its speed; other charsets and delimiters are written by a
 * {@code CSVPrinter}.
 *
 * <p><b>Formula neutralisation</b> (OWASP CSV injection). A spreadsheet runs a cell starting with
 * {@code =}, {@code +}, {@code -}, {@code @}, TAB or CR as a formula, and participants choose some
 * of the text we write. So, unless {@value FormatSpec#NEUTRALISE_FORMULAS} is {@code false}, such a
 * cell is written with a leading single quote: {@code =1+1} becomes {@code '=1+1}, which a
 * spreadsheet shows as the text {@code =1+1}. This applies to text only, that is the values of
 * {@code STRING} columns and the header labels. Values of other types are never changed: {@code -12}
 * in an {@code INTEGER} or {@code DECIMAL} column is data, not a formula, and a quote would turn it
 * into text. The {@code nullText}, chosen by whoever defines the export, is written as is. Text that
 * starts with one or more quotes followed by one of those characters gets one more quote too
 * ({@code '=1} becomes {@code ''=1}), so that a program reading the file back gets exactly the text
 * exported when it removes one leading quote from the {@code STRING} cells (and labels) that start
 * with one or more {@code '} followed by one of those characters.
 */
public final class CsvFormatWriterProvider implements FormatWriterProvider {

  /** For {@link java.util.ServiceLoader}. */
  public CsvFormatWriterProvider() {}

  @Override
  public String id() {
    return "csv";
  }

  @Override
  public String mediaType() {
    return "text/csv";
  }

  @Override
  public List<String> validate(FormatSpec format) {
    Objects.requireNonNull(format, "format");
    return CsvOptions.problems(format);
  }

  /**
   * What {@link #validate(FormatSpec)} reports, then each column whose pattern is invalid, asks for
   * what its type lacks (hours of a {@code DATE}) or is given to a column whose type takes none.
   */
  @Override
  public List<String> validate(FormatSpec format, Schema schema) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(schema, "schema");
    return CsvOptions.problems(format, schema);
  }

  /**
   * Opens a writer that writes the header row straight away, if asked for. {@link
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
    CsvOptions options = CsvOptions.of(format);
    CSVFormat csv = options.csvFormat(schema);
    return Utf8CsvWriter.covers(csv, options.charset())
        ? Utf8CsvWriter.open(out, schema, csv, options)
        : CsvPrinterWriter.open(out, schema, csv, options);
  }
}
