package io.exportkit.format.csv;

import io.exportkit.FormatSpec;
import io.exportkit.format.internal.Formulas;
import io.exportkit.format.internal.Options;
import io.exportkit.spi.Schema;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * The CSV options of a {@link FormatSpec}, parsed. Immutable and thread-safe.
 *
 * @param delimiter the character between values
 * @param header whether the first row holds the column labels
 * @param recordSeparator what ends each row: CRLF or LF
 * @param nullText what a null value is written as, unquoted
 * @param neutraliseFormulas whether text cells that a spreadsheet would run as a formula get a
 *     leading {@code '}
 * @param quotes which values are quoted
 * @param charset the file's encoding
 * @param bom whether a UTF-8 file starts with a byte-order mark
 * @param unmappable what becomes of a character the charset cannot encode
 */
record CsvOptions(char delimiter, boolean header, String recordSeparator, String nullText, boolean neutraliseFormulas,
    Quotes quotes, Charset charset, boolean bom, Unmappable unmappable) {

  static final String DELIMITER = "delimiter";
  static final String HEADER = "header";
  static final String LINE_ENDING = "lineEnding";
  static final String NULL_TEXT = "nullText";
  static final String QUOTE_MODE = "quoteMode";
  static final String CHARSET = "charset";
  static final String BOM = "bom";
  static final String UNMAPPABLE = "unmappable";

  /** Which values are quoted: Commons CSV's quote modes, except NONE, which needs an escape character. */
  enum Quotes {
    /** Only values that need it: holding the delimiter, a double quote, CR or LF, and a few more. */
    MINIMAL(QuoteMode.MINIMAL),
    /** Every value, and the null text too. */
    ALL(QuoteMode.ALL),
    /** Every value but nulls. */
    ALL_NON_NULL(QuoteMode.ALL_NON_NULL),
    /** Every value but numbers (of INTEGER and DECIMAL columns) and nulls. */
    NON_NUMERIC(QuoteMode.NON_NUMERIC);

    private final QuoteMode mode;

    Quotes(QuoteMode mode) {
      this.mode = mode;
    }

    QuoteMode mode() {
      return mode;
    }
  }

  /** What becomes of a character that the charset cannot encode, or of a broken UTF-16 surrogate. */
  enum Unmappable {
    /** The export fails, naming the row. */
    FAIL,
    /** The charset's replacement, {@code ?} for most, is written in its place. */
    REPLACE
  }

  /**
   * The options of {@code spec}.
   *
   * @throws IllegalArgumentException listing what {@link #problems(FormatSpec)} finds
   */
  static CsvOptions of(FormatSpec spec) {
    return Options.parse(spec, CsvOptions::read);
  }

  /** What is wrong with {@code spec}'s options, one message per problem; empty when they are fine. */
  static List<String> problems(FormatSpec spec) {
    return Options.problems(spec, CsvOptions::read);
  }

  /**
   * What is wrong with {@code spec}'s options for {@code schema}'s columns: what {@link
   * #problems(FormatSpec)} finds, then each column's invalid pattern; empty when the file can be
   * written.
   */
  static List<String> problems(FormatSpec spec, Schema schema) {
    return Options.problems(spec, schema, CsvOptions::read);
  }

  private static CsvOptions read(Options options) {
    String delimiterText = options.text(DELIMITER, ",");
    char delimiter = ',';
    if (delimiterText.length() == 1 && "\"\r\n".indexOf(delimiterText.charAt(0)) < 0) {
      delimiter = delimiterText.charAt(0);
    } else {
      options.problem(DELIMITER, "a single character other than a double quote, CR or LF, such as ';' or a tab",
          delimiterText);
    }

    boolean header = options.bool(HEADER, true);

    String lineEnding = options.text(LINE_ENDING, "crlf");
    String recordSeparator = "\r\n";
    if (lineEnding.equalsIgnoreCase("lf")) {
      recordSeparator = "\n";
    } else if (!lineEnding.equalsIgnoreCase("crlf")) {
      options.problem(LINE_ENDING, "crlf or lf", lineEnding);
    }

    // Commons CSV writes the null string as is, never quoted (but for QuoteMode.ALL).
    String nullText = options.text(NULL_TEXT, "");
    if (nullText.indexOf(delimiter) >= 0 || nullText.indexOf('"') >= 0 || nullText.indexOf('\r') >= 0
        || nullText.indexOf('\n') >= 0) {
      options.problem(NULL_TEXT, "text without the delimiter, a double quote, CR or LF, because it is written"
          + " unquoted", nullText);
      nullText = "";
    }

    boolean neutraliseFormulas = options.bool(FormatSpec.NEUTRALISE_FORMULAS, true);
    Quotes quotes = options.choice(QUOTE_MODE, Quotes.MINIMAL);
    Charset charset = charset(options);
    boolean bom = options.bool(BOM, false);
    if (bom && !charset.equals(StandardCharsets.UTF_8)) {
      options.problem("option '" + BOM + "' applies to UTF-8 only, and the charset is " + charset.name()
          + "; remove it or set the charset to UTF-8");
      bom = false;
    }
    Unmappable unmappable = options.choice(UNMAPPABLE, Unmappable.FAIL);
    return new CsvOptions(delimiter, header, recordSeparator, nullText, neutraliseFormulas, quotes, charset, bom,
        unmappable);
  }

  private static Charset charset(Options options) {
    String name = options.text(CHARSET, "UTF-8");
    try {
      Charset charset = Charset.forName(name);
      if (charset.canEncode()) {
        return charset;
      }
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      // Reported below.
    }
    options.problem(CHARSET, "the name of a charset this JVM can encode, such as UTF-8, ISO-8859-1 or"
        + " windows-1252", name);
    return StandardCharsets.UTF_8;
  }

  /**
   * The Commons CSV format these options amount to for {@code schema}: RFC 4180 with the delimiter,
   * line ending, null text and quote mode, and a header of the labels when asked for (neutralised
   * like text values).
   */
  CSVFormat csvFormat(Schema schema) {
    CSVFormat.Builder format = CSVFormat.RFC4180.builder()
        .setDelimiter(delimiter)
        .setRecordSeparator(recordSeparator)
        .setNullString(nullText)
        .setQuoteMode(quotes.mode());
    if (header) {
      format.setHeader(schema.labels().stream()
          .map(label -> neutraliseFormulas ? Formulas.neutralise(label) : label)
          .toArray(String[]::new));
    }
    return format.get();
  }
}
