package io.exportkit.format.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.FieldType;
import io.exportkit.FormatSpec;
import io.exportkit.ParticipantRecord;
import io.exportkit.format.RoundTripData;
import io.exportkit.format.internal.Formulas;
import io.exportkit.format.internal.ValueFormatter;
import io.exportkit.spi.Column;
import io.exportkit.spi.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our files are byte for byte what Commons CSV's {@link CSVPrinter} writes with the same
 * {@link CSVFormat}, built here independently of {@link CsvOptions}: for the rows of the round-trip
 * test under every combination of the options the fast UTF-8 writer covers, for values of every
 * type in several zones, and for what is left to {@code CSVPrinter} (other charsets, a non-ASCII
 * delimiter).
 */
class CsvDifferentialTest {

  private static final List<@Nullable Object[]> TRICKY_ROWS = CsvTesting.roundTripRows();
  private static final String[] TRICKY_LABELS = RoundTripData.SCHEMA.labels().toArray(String[]::new);

  /** Our options, and the Commons CSV format, charset and formula neutralisation they should amount to. */
  record Case(FormatSpec spec, CSVFormat format, Charset charset, boolean neutralise, boolean bom) {
    @Override
    public String toString() {
      return spec.options().toString();
    }
  }

  /** Every combination of delimiter, quote mode, line ending, header, null text, neutralisation and byte-order mark. */
  static Stream<Case> fastPathCombinations() {
    List<Case> cases = new ArrayList<>();
    for (String delimiter : List.of(",", ";", "\t")) {
      for (QuoteMode mode : List.of(QuoteMode.MINIMAL, QuoteMode.ALL, QuoteMode.ALL_NON_NULL, QuoteMode.NON_NUMERIC)) {
        for (String lineEnding : List.of("crlf", "lf")) {
          for (boolean header : List.of(true, false)) {
            for (String nullText : List.of("", "NULL")) {
              for (boolean neutralise : List.of(true, false)) {
                for (boolean bom : List.of(false, true)) {
                  FormatSpec spec = FormatSpec.of("csv").withOption("unmappable", "replace").withOption("delimiter", delimiter)
                      .withOption("quoteMode", mode.name().toLowerCase())
                      .withOption("lineEnding", lineEnding).withOption("header", Boolean.toString(header))
                      .withOption("nullText", nullText).withOption(FormatSpec.NEUTRALISE_FORMULAS, Boolean.toString(neutralise))
                      .withOption("bom", Boolean.toString(bom));
                  CSVFormat.Builder format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setQuoteMode(mode)
                      .setRecordSeparator(lineEnding.equals("lf") ? "\n" : "\r\n").setNullString(nullText);
                  if (header) {
                    format.setHeader(neutralise ? neutralised(TRICKY_LABELS) : TRICKY_LABELS);
                  }
                  cases.add(new Case(spec, format.get(), StandardCharsets.UTF_8, neutralise, bom));
                }
              }
            }
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("fastPathCombinations")
  void theFastWriterWritesTheSameBytesAsCsvPrinter(Case c) throws IOException {
    byte[] reference = printed(c, TRICKY_ROWS);

    byte[] ours = CsvTesting.write(c.spec(), RoundTripData.SCHEMA, CsvTesting.records(TRICKY_ROWS)).toByteArray();

    assertThat(Utf8CsvWriter.covers(c.format(), c.charset())).as("written by the fast writer").isTrue();
    assertThat(ours).isEqualTo(reference);
  }

  static Stream<Case> leftToCsvPrinter() {
    FormatSpec replace = FormatSpec.of("csv").withOption("unmappable", "replace");
    CSVFormat.Builder rfc = CSVFormat.RFC4180.builder().setNullString("").setHeader(neutralised(TRICKY_LABELS));
    return Stream.of(
        new Case(replace.withOption("charset", "ISO-8859-1"), rfc.get(), StandardCharsets.ISO_8859_1, true, false),
        new Case(replace.withOption("charset", "windows-1252").withOption("quoteMode", "all"),
            rfc.setQuoteMode(QuoteMode.ALL).get(), Charset.forName("windows-1252"), true, false),
        new Case(replace.withOption("charset", "UTF-16").withOption("quoteMode", "non_numeric"),
            rfc.setQuoteMode(QuoteMode.NON_NUMERIC).get(), StandardCharsets.UTF_16, true, false),
        new Case(replace.withOption("delimiter", "§").withOption("bom", "true"),
            rfc.setQuoteMode(QuoteMode.MINIMAL).setDelimiter('§').get(), StandardCharsets.UTF_8, true, true));
  }

  @ParameterizedTest
  @MethodSource("leftToCsvPrinter")
  void otherCharsetsAndDelimitersAreWrittenByCsvPrinter(Case c) throws IOException {
    byte[] reference = printed(c, TRICKY_ROWS);

    byte[] ours = CsvTesting.write(c.spec(), RoundTripData.SCHEMA, CsvTesting.records(TRICKY_ROWS)).toByteArray();

    assertThat(Utf8CsvWriter.covers(c.format(), c.charset())).as("written by the fast writer").isFalse();
    assertThat(ours).isEqualTo(reference);
  }

  /**
   * What {@link CSVPrinter} writes for {@code rows}, neutralised as {@code c} asks, in its charset;
   * instants as {@link RoundTripData#text} writes them (Commons CSV would write them in UTC), every
   * other value as it is, so that NON_NUMERIC sees numbers.
   */
  private static byte[] printed(Case c, List<@Nullable Object[]> rows) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Writer writer = new OutputStreamWriter(bytes, c.charset().newEncoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
    if (c.bom()) {
      writer.write('\uFEFF');
    }
    try (CSVPrinter printer = new CSVPrinter(writer, c.format())) {
      for (@Nullable Object[] row : rows) {
        for (@Nullable Object value : row) {
          Object cell = value instanceof Instant ? RoundTripData.text(value) : value;
          printer.print(c.neutralise() && cell instanceof String text ? Formulas.neutralise(text) : cell);
        }
        printer.println();
      }
    }
    return bytes.toByteArray();
  }

  private static String[] neutralised(String[] labels) {
    return Stream.of(labels).map(Formulas::neutralise).toArray(String[]::new);
  }

  /** The zones of the typed values: whole hours, half and quarter hours, half-hour DST, southern DST, none. */
  static Stream<ZoneId> zones() {
    return Stream.of("UTC", "Europe/Paris", "America/St_Johns", "Asia/Kathmandu", "Australia/Lord_Howe",
        "America/Sao_Paulo").map(ZoneId::of);
  }

  /**
   * Numbers, booleans, dates and date-times, with and without patterns, in {@code zone}, under
   * delimiters that occur inside them: the same bytes as {@link CSVPrinter} given the text
   * {@link ValueFormatter} makes of each value, the documented formatting of every format.
   */
  @ParameterizedTest
  @MethodSource("zones")
  void valuesOfEveryTypeAreWrittenAsCsvPrinterWritesTheirText(ZoneId zone) throws IOException {
    Schema schema = new Schema(List.of(
        new Column("whole", "Whole", FieldType.INTEGER, null),
        new Column("decimal", "Decimal", FieldType.DECIMAL, null),
        new Column("flag", "Flag", FieldType.BOOLEAN, null),
        new Column("day", "Day", FieldType.DATE, null),
        new Column("at", "At", FieldType.DATE_TIME, null),
        new Column("day2", "Day 2", FieldType.DATE, "dd/MM/yyyy"),
        new Column("at2", "At 2", FieldType.DATE_TIME, "yyyy-MM-dd HH:mm"),
        new Column("amount", "Amount", FieldType.DECIMAL, "#,##0.00"),
        new Column("code", "Code", FieldType.INTEGER, "000000")), zone);
    List<@Nullable Object[]> rows = typedRows(new Random(zone.getId().hashCode()), 3_000);
    ValueFormatter formatter = ValueFormatter.of(schema);

    for (String delimiter : List.of(",", "-", ":", "0", " ", "T")) {
      for (QuoteMode mode : List.of(QuoteMode.MINIMAL, QuoteMode.ALL, QuoteMode.ALL_NON_NULL)) {
        FormatSpec spec = FormatSpec.of("csv").withOption("delimiter", delimiter)
            .withOption("quoteMode", mode.name().toLowerCase()).withOption("header", "false");
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setQuoteMode(mode).setNullString("").get();
        List<@Nullable Object[]> texts = new ArrayList<>();
        for (@Nullable Object[] row : rows) {
          @Nullable Object[] text = new Object[row.length];
          for (int i = 0; i < row.length; i++) {
            text[i] = formatter.format(i, row[i]);
          }
          texts.add(text);
        }
        byte[] reference = printed(new Case(spec, format, StandardCharsets.UTF_8, false, false), texts);

        byte[] ours = CsvTesting.write(spec, schema, CsvTesting.records(rows)).toByteArray();

        assertThat(new String(ours, StandardCharsets.UTF_8)).as("delimiter '%s', %s", delimiter, mode)
            .isEqualTo(new String(reference, StandardCharsets.UTF_8));
      }
    }
  }

  /**
   * Rows of {@link #valuesOfEveryTypeAreWrittenAsCsvPrinterWritesTheirText}'s schema: every Java type
   * each column takes, extremes, instants from 1800 (local mean time, offsets with seconds) to 2200
   * (past the last transition the time-zone database lists) in random order, then every ten minutes
   * around daylight-saving changes; nanoseconds of every precision, and nulls.
   */
  private static List<@Nullable Object[]> typedRows(Random random, int count) {
    List<Object> wholes = List.of(0L, -1L, 7, (short) -12, (byte) 127, Long.MAX_VALUE, Long.MIN_VALUE,
        Integer.MIN_VALUE, new BigInteger("123456789012345678901234567890"), 42.0d);
    List<Object> decimals = List.of(new BigDecimal("1.50"), new BigDecimal("-1E-7"), new BigDecimal("1.2345E+3"),
        0.1d, 2.5f, 12L, -3, new BigDecimal("-0.00"));
    List<LocalDate> days = List.of(LocalDate.of(2026, 5, 1), LocalDate.of(0, 1, 1), LocalDate.of(9999, 12, 31),
        LocalDate.of(10_000, 1, 1), LocalDate.of(-5, 3, 1), LocalDate.of(2000, 2, 29), LocalDate.of(1969, 12, 31));
    long from = Instant.parse("1800-01-01T00:00:00Z").getEpochSecond();
    long until = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
    int[] nanos = {0, 0, 0, 250_000_000, 123_000_000, 1_000, 999_999_999, 1, 120_000};
    List<@Nullable Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant at;
      if (i < count / 2) {
        at = Instant.ofEpochSecond(from + (long) (random.nextDouble() * (until - from)), nanos[random.nextInt(nanos.length)]);
      } else {
        // Every ten minutes from the end of March and of October 2026, in UTC.
        Instant start = Instant.parse(i % 2 == 0 ? "2026-03-28T12:00:00Z" : "2026-10-03T12:00:00Z");
        at = start.plusSeconds(600L * (i - count / 2) / 2);
      }
      Object dateTime = i % 5 == 0 ? OffsetDateTime.ofInstant(at, ZoneOffset.ofHours(-7)) : at;
      rows.add(new Object[] {
          nullOr(random, wholes.get(random.nextInt(wholes.size()))),
          nullOr(random, decimals.get(random.nextInt(decimals.size()))),
          nullOr(random, random.nextBoolean()),
          nullOr(random, days.get(random.nextInt(days.size()))),
          nullOr(random, dateTime),
          nullOr(random, days.get(random.nextInt(days.size())).withYear(1900 + random.nextInt(200))),
          nullOr(random, at),
          nullOr(random, new BigDecimal(random.nextInt(2_000_000) - 1_000_000).movePointLeft(2)),
          nullOr(random, (long) random.nextInt(1_000_000))});
    }
    return rows;
  }

  private static @Nullable Object nullOr(Random random, Object value) {
    return random.nextInt(20) == 0 ? null : value;
  }

  @Test
  void theFastWriterLeavesOutWhatItDoesNotCover() {
    CSVFormat rfc = CSVFormat.RFC4180;

    assertThat(Utf8CsvWriter.covers(rfc, StandardCharsets.UTF_8)).isTrue();
    assertThat(Utf8CsvWriter.covers(rfc, StandardCharsets.ISO_8859_1)).isFalse();
    assertThat(Utf8CsvWriter.covers(rfc.builder().setDelimiter('§').get(), StandardCharsets.UTF_8)).isFalse();
    assertThat(Utf8CsvWriter.covers(rfc.builder().setDelimiter("||").get(), StandardCharsets.UTF_8)).isFalse();
    assertThat(Utf8CsvWriter.covers(rfc.builder().setQuote('\'').get(), StandardCharsets.UTF_8)).isFalse();
    assertThat(Utf8CsvWriter.covers(rfc.builder().setEscape('\\').get(), StandardCharsets.UTF_8)).isFalse();
    assertThat(Utf8CsvWriter.covers(rfc.builder().setTrim(true).get(), StandardCharsets.UTF_8)).isFalse();
    assertThat(Utf8CsvWriter.covers(rfc.builder().setTrailingDelimiter(true).get(), StandardCharsets.UTF_8)).isFalse();
    assertThat(Utf8CsvWriter.covers(rfc.builder().setCommentMarker('#').setHeaderComments("hi").get(),
        StandardCharsets.UTF_8)).isFalse();
    assertThat(Utf8CsvWriter.covers(rfc.builder().setRecordSeparator("¶\n").get(), StandardCharsets.UTF_8)).isFalse();
  }
}
