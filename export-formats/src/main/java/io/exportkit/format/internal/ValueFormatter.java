package io.exportkit.format.internal;

import io.exportkit.FieldType;
import io.exportkit.FormatException;
import io.exportkit.spi.Column;
import io.exportkit.spi.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Turns the values of one file's records into text, the same way for every format. Built once per
 * file from its schema, so patterns are compiled once and not per row. Not thread-safe.
 *
 * <p>Without a pattern: {@code STRING} as is; {@code INTEGER} and {@code DECIMAL} in plain
 * notation ({@code 1234.50}, never {@code 1.2345E3}); {@code BOOLEAN} as {@code true} or
 * {@code false}; {@code DATE} as ISO-8601 {@code 2026-05-01}; {@code DATE_TIME} as ISO-8601 with
 * the offset of the schema's zone, {@code 2026-05-01T10:15:30+02:00}.
 *
 * <p>A column's pattern replaces the default: a {@link DateTimeFormatter} pattern for {@code DATE}
 * and {@code DATE_TIME} (in the schema's zone), a {@link DecimalFormat} pattern for
 * {@code INTEGER} and {@code DECIMAL} (rounding half up). Both use {@link Locale#ROOT}, so a file
 * does not depend on the locale of the machine that writes it.
 */
public final class ValueFormatter {

  /** Formats one non-null value, or returns {@code null} when the column cannot hold it. */
  @FunctionalInterface
  private interface Format {
    @Nullable String apply(Object value);
  }

  private final Column[] columns;
  private final Format[] formats;

  private ValueFormatter(Column[] columns, Format[] formats) {
    this.columns = columns;
    this.formats = formats;
  }

  /**
   * The formatter of {@code schema}'s columns.
   *
   * @throws IllegalArgumentException when a column's pattern is invalid, or given to a column whose
   *     type takes none; the message names the column
   */
  public static ValueFormatter of(Schema schema) {
    Column[] columns = schema.columns().toArray(new Column[0]);
    Format[] formats = new Format[columns.length];
    for (int i = 0; i < columns.length; i++) {
      formats[i] = format(columns[i], schema.zone());
    }
    return new ValueFormatter(columns, formats);
  }

  /**
   * What {@link #of} would refuse in {@code schema}: one message per column whose pattern is invalid,
   * asks for what its type lacks (hours of a {@code DATE}) or is given to a column whose type takes
   * none, naming the column; empty when every column can be formatted.
   */
  public static List<String> problems(Schema schema) {
    List<String> problems = new ArrayList<>();
    for (Column column : schema.columns()) {
      try {
        format(column, schema.zone());
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    return List.copyOf(problems);
  }

  /**
   * The text of {@code value} in the {@code index}-th column, or {@code null} when it is null: each
   * format writes nulls its own way.
   *
   * @throws FormatException when the column's type cannot hold {@code value}; the message names the
   *     column and the value's class, never the value, which may be personal data
   */
  public @Nullable String format(int index, @Nullable Object value) {
    if (value == null) {
      return null;
    }
    String text = formats[index].apply(value);
    if (text == null) {
      Column column = columns[index];
      throw new FormatException("column '" + column.name() + "' (" + column.type() + ") cannot hold this "
          + value.getClass().getName() + ": it takes " + accepted(column.type()), null);
    }
    return text;
  }

  private static Format format(Column column, ZoneId zone) {
    String pattern = column.pattern();
    return switch (column.type()) {
      case STRING -> {
        requireNoPattern(column);
        yield value -> value instanceof CharSequence text ? text.toString() : null;
      }
      case BOOLEAN -> {
        requireNoPattern(column);
        yield value -> value instanceof Boolean b ? b.toString() : null;
      }
      case INTEGER -> pattern == null ? ValueFormatter::integer : numberPattern(column, pattern);
      case DECIMAL -> pattern == null ? ValueFormatter::decimal : numberPattern(column, pattern);
      case DATE -> {
        DateTimeFormatter formatter = pattern == null
            ? DateTimeFormatter.ISO_LOCAL_DATE
            : dateTimePattern(column, pattern, null, LocalDate.EPOCH);
        yield value -> value instanceof LocalDate date ? formatter.format(date) : null;
      }
      case DATE_TIME -> {
        DateTimeFormatter formatter = pattern == null
            ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone)
            : dateTimePattern(column, pattern, zone, Instant.EPOCH);
        yield value -> value instanceof TemporalAccessor t && t.isSupported(ChronoField.INSTANT_SECONDS)
            ? formatter.format(t)
            : null;
      }
    };
  }

  private static void requireNoPattern(Column column) {
    if (column.pattern() != null) {
      throw new IllegalArgumentException("column '" + column.name() + "' (" + column.type() + ") has the pattern \""
          + column.pattern() + "\", but only DATE, DATE_TIME, INTEGER and DECIMAL columns take one");
    }
  }

  /**
   * The formatter of {@code pattern}, in {@code zone} if not null, once it has formatted
   * {@code sample}: {@code ofPattern} accepts patterns such as {@code HH:mm} for a date, which would
   * otherwise fail only on the first row.
   */
  private static DateTimeFormatter dateTimePattern(Column column, String pattern, @Nullable ZoneId zone,
      TemporalAccessor sample) {
    try {
      DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
      if (zone != null) {
        formatter = formatter.withZone(zone);
      }
      formatter.format(sample);
      return formatter;
    } catch (IllegalArgumentException | DateTimeException e) {
      throw invalidPattern(column, pattern, e);
    }
  }

  private static Format numberPattern(Column column, String pattern) {
    DecimalFormat format;
    try {
      format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalidPattern(column, pattern, e);
    }
    format.setRoundingMode(RoundingMode.HALF_UP);
    return value -> value instanceof Number n && (isIntegral(n) || exact(n) != null) ? format.format(n) : null;
  }

  private static IllegalArgumentException invalidPattern(Column column, String pattern, RuntimeException cause) {
    return new IllegalArgumentException("column '" + column.name() + "' (" + column.type() + ") has an invalid pattern \""
        + pattern + "\": " + cause.getMessage(), cause);
  }

  private static @Nullable String integer(Object value) {
    if (!(value instanceof Number n)) {
      return null;
    }
    if (isIntegral(n)) {
      return n.toString();
    }
    BigDecimal exact = exact(n);
    return exact != null && exact.stripTrailingZeros().scale() <= 0 ? exact.toBigInteger().toString() : null;
  }

  private static @Nullable String decimal(Object value) {
    if (!(value instanceof Number n)) {
      return null;
    }
    if (isIntegral(n)) {
      return n.toString();
    }
    BigDecimal exact = exact(n);
    return exact == null ? null : exact.toPlainString();
  }

  private static boolean isIntegral(Number n) {
    return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte || n instanceof BigInteger;
  }

  /**
   * {@code n} as a {@link BigDecimal}, or {@code null} for NaN and infinities. Goes through
   * {@code toString()} so that {@code 0.1d} stays 0.1 instead of its binary expansion.
   */
  private static @Nullable BigDecimal exact(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    try {
      return new BigDecimal(n.toString());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String accepted(FieldType type) {
    return switch (type) {
      case STRING -> "a String";
      case INTEGER -> "a whole Number";
      case DECIMAL -> "a finite Number";
      case BOOLEAN -> "a Boolean";
      case DATE -> "a LocalDate";
      case DATE_TIME -> "an Instant, or a date-time with an offset";
    };
  }
}
