package io.exportkit.format.csv;

import io.exportkit.FieldType;
import io.exportkit.FormatException;
import io.exportkit.ParticipantRecord;
import io.exportkit.format.internal.Cells;
import io.exportkit.spi.FormatWriter;
import io.exportkit.spi.Schema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.jspecify.annotations.Nullable;

/**
 * Writes one CSV file through Commons CSV's {@link CSVPrinter}, in any charset: the writer for what
 * {@link Utf8CsvWriter} does not cover. Not thread-safe. After a failure the file is incomplete and
 * must be discarded, as the pipeline does.
 */
final class CsvPrinterWriter implements FormatWriter {

  private final Writer writer;
  private final CSVPrinter printer;
  private final Cells cells;
  private final CsvOptions options;
  /** Per column: whether its values are numbers, which NON_NUMERIC leaves unquoted. */
  private final boolean[] numeric;
  private final char delimiter;
  private long rows;
  private boolean finished;

  private CsvPrinterWriter(Writer writer, CSVPrinter printer, Cells cells, CsvOptions options, boolean[] numeric) {
    this.writer = writer;
    this.printer = printer;
    this.cells = cells;
    this.options = options;
    this.numeric = numeric;
    this.delimiter = options.delimiter();
  }

  /** Opens a writer and writes the byte-order mark and header row, if asked for. */
  static CsvPrinterWriter open(OutputStream out, Schema schema, CSVFormat format, CsvOptions options) throws IOException {
    Cells cells = Cells.of(schema, options.neutraliseFormulas());
    CodingErrorAction action = options.unmappable() == CsvOptions.Unmappable.FAIL
        ? CodingErrorAction.REPORT
        : CodingErrorAction.REPLACE;
    CharsetEncoder encoder = options.charset().newEncoder().onMalformedInput(action).onUnmappableCharacter(action);
    Writer writer = new OutputStreamWriter(out, encoder);
    boolean[] numeric = new boolean[schema.size()];
    for (int i = 0; i < numeric.length; i++) {
      FieldType type = schema.columns().get(i).type();
      numeric[i] = type == FieldType.INTEGER || type == FieldType.DECIMAL;
    }
    try {
      if (options.bom()) {
        writer.write('\uFEFF');
      }
      CSVPrinter printer = new CSVPrinter(writer, format);
      return new CsvPrinterWriter(writer, printer, cells, options, numeric);
    } catch (CharacterCodingException e) {
      throw unencodable("the header", options, e);
    }
  }

  @Override
  public void write(ParticipantRecord record) throws IOException {
    if (finished) {
      throw new IllegalStateException("write() after finish()");
    }
    @Nullable String[] texts = cells.format(record);
    rows++;
    try {
      for (int i = 0; i < texts.length; i++) {
        String text = texts[i];
        boolean asNumber = text != null && numeric[i] && options.quotes() == CsvOptions.Quotes.NON_NUMERIC
            && !MinimalQuotes.needed(text, delimiter, i == 0);
        printer.print(asNumber ? new NumberText(text) : text);
      }
      printer.println();
    } catch (CharacterCodingException e) {
      throw unencodable("row " + rows, options, e);
    }
  }

  @Override
  public void finish() throws IOException {
    finished = true;
    // Not printer.close(): it closes the writer, and so the opener's stream.
    try {
      writer.flush();
    } catch (CharacterCodingException e) {
      throw unencodable("the last row", options, e);
    }
  }

  private static FormatException unencodable(String where, CsvOptions options, CharacterCodingException e) {
    return new FormatException(where + " holds a character that " + options.charset().name() + " cannot encode,"
        + " or a broken UTF-16 surrogate; set option '" + CsvOptions.UNMAPPABLE + "' to 'replace' to write the"
        + " charset's replacement (such as '?') in its place, or choose a charset that encodes it, such as UTF-8", e);
  }

  /**
   * The text of a number, which Commons CSV's {@link QuoteMode#NON_NUMERIC} leaves unquoted as it
   * does for every {@link Number}. Only passed when minimal quoting would not quote it either, so
   * that a number formatted with the delimiter inside (say {@code 1,234.50}) is still quoted.
   */
  private static final class NumberText extends Number {
    private static final long serialVersionUID = 1L;
    private final String text;

    NumberText(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }

    @Override
    public int intValue() {
      throw new UnsupportedOperationException("text only");
    }

    @Override
    public long longValue() {
      throw new UnsupportedOperationException("text only");
    }

    @Override
    public float floatValue() {
      throw new UnsupportedOperationException("text only");
    }

    @Override
    public double doubleValue() {
      throw new UnsupportedOperationException("text only");
    }
  }
}
