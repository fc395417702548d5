package io.exportkit.format.txt;

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
 * The {@code txt} format: plain UTF-8 text, one line per record, tab-separated or fixed-width.
 * Stateless and thread-safe; registered in
 * {@code META-INF/services/io.exportkit.spi.FormatWriterProvider}.
 *
 * <p>By default a file is tab-separated, with a header line of the column labels and CRLF line
 * endings; a null value is written as an empty value:
 *
 * <pre>
 * Id&#9;Name&#9;Comment
 * 1&#9;Ann&#9;first line\nsecond line
 * 2&#9;&#9;'=1+1
 * </pre>
 *
 * <p><b>Escaping.</b> So that every line is one record and every tab separates two values, four
 * characters of a value or label are escaped with a backslash, and no other: a backslash is written
 * {@code \\}, a tab {@code \t}, a line feed {@code \n} and a carriage return {@code \r}. A reader
 * splits the file at line endings, each line at tabs, and then replaces each {@code \\},
 * {@code \t}, {@code \n} and {@code \r} by the character it stands for, reading from left to right.
 * The null text is written as it is, without escaping, so a null text such as {@code \N} cannot be
 * mistaken for a value. A lone surrogate, which UTF-8 cannot encode, is written as U+FFFD.
 *
 * <p><b>Fixed width.</b> With {@code layout=fixed}, each column has a width: the option
 * {@code widths=10,20,…}, one width per column, or, without it, each column's own width, which a
 * custom export gives its fields ({@code ExportField.of("email").withWidth(30)}). Each value is
 * padded with spaces to its column's width, counted in Unicode code points
 * after escaping, with nothing between columns: on the right for text, dates and booleans, on the
 * left for {@code INTEGER} and {@code DECIMAL} columns. A reader cuts each line at the widths and
 * removes the padding, so it cannot tell spaces at the end of a text (at the start, for numbers)
 * from padding. A value wider than its column fails the record with a {@link
 * io.exportkit.FormatException}, and so the export, unless {@code overflow=truncate}: then only
 * its first code points that fit are written, never half an escape; numbers are cut the same
 * way, so give them room. A label wider than its column is a problem that {@link
 * #validate(FormatSpec, Schema)} reports (and {@code open} throws as an {@link
 * IllegalArgumentException}), or is cut likewise. Characters that a terminal shows twice as
 * wide, such as CJK ideographs, count as one.
 *
 * <p><b>Values</b> are written as the {@code csv} format writes them: numbers in plain notation,
 * {@code true}/{@code false}, ISO-8601 dates and date-times with the offset of the schema's zone,
 * unless the column has a pattern. <b>Formula neutralisation</b> is on by default, as for
 * {@code csv}: a text value or label starting with {@code =}, {@code +}, {@code -}, {@code @}, tab
 * or CR gets a leading {@code '} before it is escaped ({@code =1+1} is written {@code '=1+1}), so a
 * spreadsheet that imports the file shows it as text; so does text that starts with quotes followed
 * by one of those characters ({@code '=1} is written {@code ''=1}), so that a reader who removes one
 * leading quote from such cells gets back the text exported. Values of other types and the null
 * text are never changed.
 *
 * <p>Options, all optional:
 * <ul>
 *   <li>{@code layout}: {@code tsv} or {@code fixed}; default {@code tsv}
 *   <li>{@code header}: {@code true} or {@code false}; default {@code true}
 *   <li>{@code lineEnding}: {@code crlf} or {@code lf}; default {@code crlf}
 *   <li>{@code nullText}: what a null value is written as, without a tab, CR or LF; default empty
 *   <li>{@value FormatSpec#NEUTRALISE_FORMULAS}: {@code true} or {@code false}; default
 *       {@code true}
 *   <li>{@code widths}: the width of each column, comma-separated, from 1 to 100000; only for
 *       {@code layout=fixed}, which needs it unless every column has a width of its own; it wins
 *       over the columns' widths
 *   <li>{@code overflow}: {@code fail} or {@code truncate}; default {@code fail}; only for
 *       {@code layout=fixed}
 * </ul>
 */
public final class TxtFormatWriterProvider implements FormatWriterProvider {

  /** For {@link java.util.ServiceLoader}. */
  public TxtFormatWriterProvider() {}

  @Override
  public String id() {
    return "txt";
  }

  @Override
  public String mediaType() {
    return "text/plain";
  }

  /**
   * What is wrong with {@code format}'s options on their own. {@code layout=fixed} without
   * {@code widths} is not a problem here: the columns may give the widths, which {@link
   * #validate(FormatSpec, Schema)} checks.
   */
  @Override
  public List<String> validate(FormatSpec format) {
    Objects.requireNonNull(format, "format");
    return Options.problems(format, options -> TxtOptions.read(options, null));
  }

  /**
   * What {@link #validate(FormatSpec)} reports, then, in the fixed layout, a {@code widths} option
   * that does not give one width per column, or without it the columns that have no width; a label
   * wider than its column when {@code overflow} is {@code fail}; and each column whose pattern is
   * invalid, asks for what its type lacks (hours of a {@code DATE}) or is given to a column whose
   * type takes none.
   */
  @Override
  public List<String> validate(FormatSpec format, Schema schema) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(schema, "schema");
    return Options.problems(format, schema, options -> TxtOptions.read(options, schema));
  }

  /**
   * Opens a writer that writes the header line straight away, if asked for. {@link
   * FormatWriter#finish()} flushes {@code out} and never closes it.
   *
   * @throws IllegalArgumentException when {@code format}'s options do not fit {@code schema} (see
   *     {@link #validate(FormatSpec, Schema)}): invalid options; in the fixed layout, no width for a
   *     column, or a label wider than its column and {@code overflow} is {@code fail}; a column's
   *     pattern that is invalid or given to a column whose type takes none
   */
  @Override
  public FormatWriter open(OutputStream out, Schema schema, FormatSpec format) throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(format, "format");
    return TxtFormatWriter.open(out, schema, Options.parse(format, options -> TxtOptions.read(options, schema)));
  }
}
