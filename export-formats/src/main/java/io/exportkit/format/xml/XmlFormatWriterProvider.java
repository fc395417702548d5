package io.exportkit.format.xml;

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
 * The {@code xml} format: UTF-8 XML 1.0 written with the JDK's StAX {@code XMLStreamWriter}, with
 * no dependency beyond the JDK. Stateless and thread-safe; registered in
 * {@code META-INF/services/io.exportkit.spi.FormatWriterProvider}.
 *
 * <p>A file declares its encoding and holds one root element with one element per record, one
 * record per line, and in it one element per column whose value is not null:
 *
 * <pre>{@code
 * <?xml version="1.0" encoding="UTF-8"?>
 * <participants>
 *   <participant><Id>1</Id><Name>Ann</Name><Played_at>2026-05-01T10:15:30+02:00</Played_at></participant>
 *   <participant><Id>2</Id><Played_at>2026-05-01T10:16:02+02:00</Played_at></participant>
 * </participants>
 * }</pre>
 *
 * <p><b>Element names.</b> A column's element is named after its label, made into a name that
 * every XML 1.0 parser accepts: the label in Unicode NFC; each character other than an ASCII letter
 * or digit, {@code _}, {@code -}, {@code .}, or a letter of Latin-1, Latin Extended-A, Greek,
 * Cyrillic, Hebrew, Arabic, Hiragana, Katakana, CJK ideographs or Hangul (as XML 1.0's 4th edition
 * lists them, which the JDK's parser enforces) becomes {@code _}; then a {@code _} is put in front
 * when the name is empty, starts with a digit, {@code -} or {@code .}, or starts with {@code xml} in
 * any case. So {@code E-mail} stays, {@code Played at} becomes {@code Played_at}, {@code 1st prize}
 * {@code _1st_prize}, {@code Prénom} stays. When several columns end up with the same name, the
 * second gets the suffix {@code _2}, the third {@code _3}, and so on.
 *
 * <p><b>Values.</b> A null value has no element; an empty text has an empty one. Values are written
 * as text: numbers in plain notation, {@code true}/{@code false}, ISO-8601 dates and date-times with
 * the offset of the schema's zone, unless the column has a pattern (a {@link java.text.DecimalFormat}
 * or {@link java.time.format.DateTimeFormatter} pattern). {@code <} and {@code &} are escaped, and
 * {@code >} too; a CR is written as {@code &#13;} because parsers turn a raw CR into LF. Tabs, line
 * feeds and supplementary characters such as emoji are written as they are. No formula
 * neutralisation: XML is not opened as a spreadsheet.
 *
 * <p><b>Characters XML forbids.</b> XML 1.0 allows no control character other than TAB, LF and CR,
 * no U+FFFE or U+FFFF, and no lone surrogate, not even escaped. Such a character is never written:
 * by default each is replaced by U+FFFD, the replacement character; with {@code invalidChars=reject}
 * the record fails with a {@link io.exportkit.FormatException} naming the row, the column and the
 * code point, and so does the export.
 *
 * <p>Options, all optional:
 * <ul>
 *   <li>{@code rootElement}: the root element's name, a name as above that it keeps unchanged;
 *       default {@code participants}
 *   <li>{@code rowElement}: each record's element name, likewise; default {@code participant}
 *   <li>{@code invalidChars}: {@code replace} or {@code reject}; default {@code replace}
 * </ul>
 */
public final class XmlFormatWriterProvider implements FormatWriterProvider {

  /** For {@link java.util.ServiceLoader}. */
  public XmlFormatWriterProvider() {}

  @Override
  public String id() {
    return "xml";
  }

  @Override
  public String mediaType() {
    return "application/xml";
  }

  @Override
  public List<String> validate(FormatSpec format) {
    Objects.requireNonNull(format, "format");
    return Options.problems(format, XmlOptions::read);
  }

  /**
   * What {@link #validate(FormatSpec)} reports, then each column whose pattern is invalid, asks for
   * what its type lacks (hours of a {@code DATE}) or is given to a column whose type takes none.
   */
  @Override
  public List<String> validate(FormatSpec format, Schema schema) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(schema, "schema");
    return Options.problems(format, schema, XmlOptions::read);
  }

  /**
   * Opens a writer that writes the XML declaration and the root start tag straight away. {@link
   * FormatWriter#finish()} writes the root end tag, flushes {@code out} and never closes it.
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
    return XmlFormatWriter.open(out, schema, Options.parse(format, XmlOptions::read));
  }
}
