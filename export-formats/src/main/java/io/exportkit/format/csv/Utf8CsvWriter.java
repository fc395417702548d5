package io.exportkit.format.csv;

import io.exportkit.FieldType;
import io.exportkit.FormatException;
import io.exportkit.ParticipantRecord;
import io.exportkit.format.internal.Formulas;
import io.exportkit.format.internal.ValueFormatter;
import io.exportkit.spi.Column;
import io.exportkit.spi.FormatWriter;
import io.exportkit.spi.Schema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.jspecify.annotations.Nullable;

/**
 * Writes one CSV file as UTF-8, encoding each value straight into a byte buffer: no string per
 * number, date or row, no {@link CSVPrinter}. The {@link CSVFormat} configures it, and its output
 * is byte for byte what a {@link CSVPrinter} with that format writes for the values as {@link
 * ValueFormatter} formats them (the differential test proves it). It covers the formats {@link
 * #covers} accepts; {@link CsvPrinterWriter} writes the others.
 *
 * <p>Numbers, booleans, dates and date-times without a pattern are written digit by digit; the
 * rest goes through {@link ValueFormatter}. A row whose value fails leaves nothing in the file
 * unless the row is longer than half the buffer; after a failure the pipeline discards the file in
 * any case. Not thread-safe.
 */
final class Utf8CsvWriter implements FormatWriter {

  private static final int BUFFER = 64 * 1024;
  /** Free room kept before each value: the longest value written without a capacity check. */
  private static final int SLACK = 64;
  private static final byte[] TRUE = ascii("true");
  private static final byte[] FALSE = ascii("false");
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final long SECONDS_PER_DAY = 86_400;

  /** How a column's values are written. */
  private enum Kind {
    TEXT, WHOLE_NUMBER, BOOLEAN, DATE, DATE_TIME, FORMATTED
  }

  private final OutputStream out;
  private final byte[] buf = new byte[BUFFER];
  private final Kind[] kinds;
  private final Column[] columns;
  private final boolean[] neutralise;
  private final boolean[] numeric;
  private final ValueFormatter values;
  private final ZoneRules zone;
  private final QuoteMode quoteMode;
  private final char delimiter;
  private final byte[] recordSeparator;
  private final byte[] nullBytes;
  private final boolean replaceBroken;
  private int pos;
  /** Where the row being written starts in {@link #buf}. */
  private int rowStart;
  /** Whether part of the row being written has left the buffer, so that it cannot be taken back. */
  private boolean spilled;
  private long rows;
  private boolean finished;
  /** The zone offset, in seconds, of the epoch seconds in [offsetFrom, offsetUntil). */
  private int offsetSeconds;
  private long offsetFrom = 1;
  private long offsetUntil;

  private Utf8CsvWriter(OutputStream out, Schema schema, CSVFormat format, CsvOptions options) {
    this.out = out;
    this.columns = schema.columns().toArray(new Column[0]);
    this.kinds = new Kind[columns.length];
    this.neutralise = new boolean[columns.length];
    this.numeric = new boolean[columns.length];
    for (int i = 0; i < columns.length; i++) {
      Column column = columns[i];
      kinds[i] = kind(column);
      neutralise[i] = options.neutraliseFormulas() && column.type() == FieldType.STRING;
      numeric[i] = column.type() == FieldType.INTEGER || column.type() == FieldType.DECIMAL;
    }
    this.values = ValueFormatter.of(schema);
    this.zone = schema.zone().getRules();
    this.quoteMode = format.getQuoteMode() == null ? QuoteMode.MINIMAL : format.getQuoteMode();
    this.delimiter = format.getDelimiterString().charAt(0);
    this.recordSeparator = ascii(format.getRecordSeparator());
    String nullText = format.getNullString() == null ? "" : format.getNullString();
    this.nullBytes = (quoteMode == QuoteMode.ALL ? "\"" + nullText + "\"" : nullText).getBytes(StandardCharsets.UTF_8);
    this.replaceBroken = options.unmappable() == CsvOptions.Unmappable.REPLACE;
  }

  /**
   * Whether this writer writes {@code format} in {@code charset} exactly as a {@link CSVPrinter}
   * would: UTF-8, a one-character ASCII delimiter, {@code "} as the quote character and no escape
   * character, any quote mode but NONE, no trimming, trailing delimiter or header comments, and
   * an ASCII record separator.
   */
  static boolean covers(CSVFormat format, Charset charset) {
    String delimiterText = format.getDelimiterString();
    String separator = format.getRecordSeparator();
    return charset.equals(StandardCharsets.UTF_8)
        && delimiterText.length() == 1 && delimiterText.charAt(0) < 0x80
        && Character.valueOf('"').equals(format.getQuoteCharacter()) && !format.isEscapeCharacterSet()
        && format.getQuoteMode() != QuoteMode.NONE
        && !format.getTrim() && !format.getTrailingDelimiter() && format.getHeaderComments() == null
        && !format.getSkipHeaderRecord() && separator != null && separator.chars().allMatch(c -> c < 0x80);
  }

  /** Opens a writer of a format that {@link #covers}, and writes the byte-order mark and header row, if asked for. */
  static Utf8CsvWriter open(OutputStream out, Schema schema, CSVFormat format, CsvOptions options) throws IOException {
    Utf8CsvWriter writer = new Utf8CsvWriter(out, schema, format, options);
    if (options.bom()) {
      System.arraycopy(BOM, 0, writer.buf, 0, BOM.length);
      writer.pos = BOM.length;
    }
    String[] header = format.getHeader();
    if (header != null) {
      for (int i = 0; i < header.length; i++) {
        writer.startValue(i);
        writer.text(header[i], false, i);
      }
      writer.put(writer.recordSeparator);
    }
    return writer;
  }

  private static Kind kind(Column column) {
    if (column.pattern() != null) {
      return Kind.FORMATTED;
    }
    return switch (column.type()) {
      case STRING -> Kind.TEXT;
      case INTEGER, DECIMAL -> Kind.WHOLE_NUMBER;
      case BOOLEAN -> Kind.BOOLEAN;
      case DATE -> Kind.DATE;
      case DATE_TIME -> Kind.DATE_TIME;
    };
  }

  @Override
  public void write(ParticipantRecord record) throws IOException {
    Objects.requireNonNull(record, "record");
    if (finished) {
      throw new IllegalStateException("write() after finish()");
    }
    if (record.size() != kinds.length) {
      throw new IllegalArgumentException("the record has " + record.size() + " values for " + kinds.length
          + " columns");
    }
    rows++;
    rowStart = pos;
    spilled = false;
    try {
      for (int i = 0; i < kinds.length; i++) {
        startValue(i);
        value(i, record.get(i));
      }
      put(recordSeparator);
    } catch (RuntimeException e) {
      if (!spilled) {
        pos = rowStart;
      }
      throw e;
    }
  }

  /** Makes room for a value, and writes the delimiter before all but the first. */
  private void startValue(int column) throws IOException {
    if (pos > BUFFER - SLACK) {
      spill();
    }
    if (column > 0) {
      buf[pos++] = (byte) delimiter;
    }
  }

  private void value(int column, @Nullable Object value) throws IOException {
    if (value == null) {
      put(nullBytes);
      return;
    }
    int start = pos;
    switch (kinds[column]) {
      case TEXT -> {
        if (value instanceof String text) {
          text(neutralise[column] ? Formulas.neutralise(text) : text, false, column);
          return;
        }
      }
      case WHOLE_NUMBER -> {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
          digits(((Number) value).longValue());
          quoteAscii(column, start);
          return;
        }
      }
      case BOOLEAN -> {
        if (value instanceof Boolean b) {
          putSmall(b ? TRUE : FALSE);
          quoteAscii(column, start);
          return;
        }
      }
      case DATE -> {
        if (value instanceof LocalDate date && date.getYear() >= 0 && date.getYear() <= 9999) {
          date(date.getYear(), date.getMonthValue(), date.getDayOfMonth());
          quoteAscii(column, start);
          return;
        }
      }
      case DATE_TIME -> {
        if (dateTime(value)) {
          quoteAscii(column, start);
          return;
        }
      }
      case FORMATTED -> {
        // Below.
      }
    }
    // Any other value, or one of the wrong type, which the formatter reports.
    String text = Objects.requireNonNull(values.format(column, value));
    text(neutralise[column] ? Formulas.neutralise(text) : text, numeric[column], column);
  }

  /** Writes {@code text}, quoted as the quote mode says; a number's text is quoted by NON_NUMERIC only where MINIMAL would. */
  private void text(String text, boolean number, int column) throws IOException {
    boolean quoted = switch (quoteMode) {
      case MINIMAL -> MinimalQuotes.needed(text, delimiter, column == 0);
      case NON_NUMERIC -> !number || MinimalQuotes.needed(text, delimiter, column == 0);
      default -> true;
    };
    if (quoted) {
      buf[pos++] = '"';
    }
    encode(text, quoted, column);
    if (quoted) {
      if (pos == BUFFER) {
        spill();
      }
      buf[pos++] = '"';
    }
  }

  /** Encodes {@code text} as UTF-8, doubling double quotes when it is {@code quoted}. */
  private void encode(String text, boolean quoted, int column) throws IOException {
    byte[] b = buf;
    int p = pos;
    int limit = BUFFER - 4;
    for (int i = 0, n = text.length(); i < n; i++) {
      if (p > limit - 1) {
        pos = p;
        spill();
        p = pos;
      }
      char c = text.charAt(i);
      if (c < 0x80) {
        if (c == '"' && quoted) {
          b[p++] = '"';
        }
        b[p++] = (byte) c;
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | c >> 6);
        b[p++] = (byte) (0x80 | c & 0x3F);
      } else if (!Character.isSurrogate(c)) {
        b[p++] = (byte) (0xE0 | c >> 12);
        b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
        b[p++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(++i));
        b[p++] = (byte) (0xF0 | cp >> 18);
        b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
        b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
        b[p++] = (byte) (0x80 | cp & 0x3F);
      } else if (replaceBroken) {
        // What the JDK's UTF-8 encoder writes for a lone surrogate when told to replace.
        b[p++] = '?';
      } else {
        pos = p;
        throw new FormatException((rows == 0 ? "the header" : "row " + rows) + ", column '" + columns[column].name()
            + "' holds a broken UTF-16 surrogate, which UTF-8 cannot encode; set option '" + CsvOptions.UNMAPPABLE
            + "' to 'replace' to write '?' in its place", null);
      }
    }
    pos = p;
  }

  /**
   * Quotes the ASCII value written since {@code start} as the quote mode says. Such a value holds
   * no double quote, so quoting it only wraps it.
   */
  private void quoteAscii(int column, int start) {
    boolean quoted = switch (quoteMode) {
      case MINIMAL -> minimalQuotesAscii(start, column == 0);
      case NON_NUMERIC -> !numeric[column] || minimalQuotesAscii(start, column == 0);
      default -> true;
    };
    if (quoted) {
      System.arraycopy(buf, start, buf, start + 1, pos - start);
      buf[start] = '"';
      pos++;
      buf[pos++] = '"';
    }
  }

  /** {@link MinimalQuotes#needed} for the ASCII bytes written since {@code start}. */
  private boolean minimalQuotesAscii(int start, boolean firstInRow) {
    if (pos == start) {
      return firstInRow;
    }
    if (buf[start] <= '#') {
      return true;
    }
    for (int i = start; i < pos; i++) {
      byte c = buf[i];
      if (c == '\n' || c == '\r' || c == '"' || c == delimiter) {
        return true;
      }
    }
    return buf[pos - 1] <= ' ';
  }

  private void digits(long value) {
    if (value == Long.MIN_VALUE) {
      putSmall(ascii(Long.toString(value)));
      return;
    }
    long v = value;
    if (v < 0) {
      buf[pos++] = '-';
      v = -v;
    }
    int length = 1;
    for (long bound = 10; length < 19 && v >= bound; bound *= 10) {
      length++;
    }
    int end = pos + length;
    for (int p = end - 1; p >= pos; p--) {
      buf[p] = (byte) ('0' + v % 10);
      v /= 10;
    }
    pos = end;
  }

  /** Writes {@code value} as {@code ISO_OFFSET_DATE_TIME} in the schema's zone, if it is a plain case; else writes nothing. */
  private boolean dateTime(Object value) {
    if (!(value instanceof TemporalAccessor t) || !t.isSupported(ChronoField.INSTANT_SECONDS)) {
      return false;
    }
    long epochSecond = t.getLong(ChronoField.INSTANT_SECONDS);
    int nano = t.get(ChronoField.NANO_OF_SECOND);
    int offset = offsetAt(epochSecond);
    long local = epochSecond + offset;
    long day = Math.floorDiv(local, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(local, SECONDS_PER_DAY);
    // Days since 1970-01-01 to a proleptic Gregorian date, by 400-year eras starting on March 1st.
    long shifted = day + 719_468;
    long era = Math.floorDiv(shifted, 146_097);
    long dayOfEra = shifted - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long monthFromMarch = (5 * dayOfYear + 2) / 153;
    int dayOfMonth = (int) (dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
    int month = (int) (monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999 || offset % 60 != 0) {
      return false;
    }
    date((int) year, month, dayOfMonth);
    buf[pos++] = 'T';
    twoDigits(secondOfDay / 3600);
    buf[pos++] = ':';
    twoDigits(secondOfDay / 60 % 60);
    buf[pos++] = ':';
    twoDigits(secondOfDay % 60);
    if (nano != 0) {
      fraction(nano);
    }
    if (offset == 0) {
      buf[pos++] = 'Z';
    } else {
      int minutes = Math.abs(offset) / 60;
      buf[pos++] = (byte) (offset < 0 ? '-' : '+');
      twoDigits(minutes / 60);
      buf[pos++] = ':';
      twoDigits(minutes % 60);
    }
    return true;
  }

  /** The zone's offset at {@code epochSecond}, remembered until the next transition. */
  private int offsetAt(long epochSecond) {
    if (epochSecond < offsetFrom || epochSecond >= offsetUntil) {
      if (zone.isFixedOffset()) {
        offsetFrom = Long.MIN_VALUE;
        offsetUntil = Long.MAX_VALUE;
        offsetSeconds = zone.getOffset(Instant.EPOCH).getTotalSeconds();
      } else {
        Instant at = Instant.ofEpochSecond(epochSecond);
        ZoneOffsetTransition previous = zone.previousTransition(at.plusSeconds(1));
        ZoneOffsetTransition next = zone.nextTransition(at);
        offsetFrom = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
        offsetUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        offsetSeconds = zone.getOffset(at).getTotalSeconds();
      }
    }
    return offsetSeconds;
  }

  /** {@code .} and the nanoseconds without their trailing zeros, as {@code ISO_LOCAL_TIME} writes them. */
  private void fraction(int nano) {
    int digits = 9;
    int n = nano;
    while (n % 10 == 0) {
      n /= 10;
      digits--;
    }
    buf[pos++] = '.';
    int end = pos + digits;
    int v = nano / pow10(9 - digits);
    for (int p = end - 1; p >= pos; p--) {
      buf[p] = (byte) ('0' + v % 10);
      v /= 10;
    }
    pos = end;
  }

  private static int pow10(int exponent) {
    int power = 1;
    for (int i = 0; i < exponent; i++) {
      power *= 10;
    }
    return power;
  }

  private void date(int year, int month, int day) {
    twoDigits(year / 100);
    twoDigits(year % 100);
    buf[pos++] = '-';
    twoDigits(month);
    buf[pos++] = '-';
    twoDigits(day);
  }

  private void twoDigits(int value) {
    buf[pos++] = (byte) ('0' + value / 10);
    buf[pos++] = (byte) ('0' + value % 10);
  }

  /** Copies a few bytes that {@link #SLACK} has room for. */
  private void putSmall(byte[] bytes) {
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
  }

  private void put(byte[] bytes) throws IOException {
    for (int done = 0; done < bytes.length; ) {
      if (pos == BUFFER) {
        spill();
      }
      int n = Math.min(bytes.length - done, BUFFER - pos);
      System.arraycopy(bytes, done, buf, pos, n);
      pos += n;
      done += n;
    }
  }

  /**
   * Makes room in the buffer: writes out the rows before the current one and moves it to the
   * front, or, when it is long, writes it out too.
   */
  private void spill() throws IOException {
    int row = pos - rowStart;
    if (rowStart > 0 && row < BUFFER / 2) {
      out.write(buf, 0, rowStart);
      System.arraycopy(buf, rowStart, buf, 0, row);
      pos = row;
    } else {
      out.write(buf, 0, pos);
      pos = 0;
      spilled = true;
    }
    rowStart = 0;
  }

  @Override
  public void finish() throws IOException {
    finished = true;
    out.write(buf, 0, pos);
    pos = 0;
    rowStart = 0;
    out.flush();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
