package io.exportkit.format.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.FormatSpec;
import io.exportkit.format.FormatTesting;
import io.exportkit.format.RoundTripData;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writes tricky values, parses the file back with Commons CSV's parser, applies the documented
 * reader rule of formula neutralisation to the text cells, and expects the values written, except
 * for the documented changes: nulls become the null text, broken surrogates become the charset's
 * replacement, a byte-order mark starts the file when asked for, and characters the charset cannot
 * encode become its replacement when asked for.
 */
class CsvRoundTripTest {

  /** The columns of {@link RoundTripData#SCHEMA} that hold text, whose cells the reader rule applies to. */
  private static final List<Integer> TEXT_COLUMNS = List.of(1, 2);

  /** The options, and what the test expects them to mean. */
  record Case(FormatSpec spec, char delimiter, boolean header, String nullText, boolean neutralise, Charset charset,
      boolean bom) {
    @Override
    public String toString() {
      return spec.options().toString();
    }
  }

  static Stream<Case> cases() {
    // The rows hold broken surrogates: they become '?'.
    FormatSpec csv = FormatSpec.of("csv").withOption("unmappable", "replace");
    Charset utf8 = StandardCharsets.UTF_8;
    return Stream.of(
        new Case(csv, ',', true, "", true, utf8, false),
        new Case(csv.withOption("delimiter", ";").withOption("lineEnding", "lf").withOption("nullText", "NULL"),
            ';', true, "NULL", true, utf8, false),
        new Case(csv.withOption("header", "false"), ',', false, "", true, utf8, false),
        new Case(csv.withOption("delimiter", "\t").withOption(FormatSpec.NEUTRALISE_FORMULAS, "false"),
            '\t', true, "", false, utf8, false),
        new Case(csv.withOption("quoteMode", "all").withOption("nullText", "N"), ',', true, "N", true, utf8, false),
        new Case(csv.withOption("quoteMode", "all_non_null"), ',', true, "", true, utf8, false),
        new Case(csv.withOption("quoteMode", "non_numeric").withOption("nullText", "\\N"), ',', true, "\\N", true,
            utf8, false),
        new Case(csv.withOption("bom", "true"), ',', true, "", true, utf8, true),
        new Case(csv.withOption("delimiter", "§").withOption("bom", "true"), '§', true, "", true, utf8, true),
        new Case(csv.withOption("charset", "ISO-8859-1"), ',', true, "", true,
            StandardCharsets.ISO_8859_1, false),
        new Case(csv.withOption("charset", "UTF-16").withOption("quoteMode", "non_numeric"), ',', true, "", true,
            StandardCharsets.UTF_16, false));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void valuesSurviveWritingAndParsing(Case c) throws IOException {
    List<@Nullable Object[]> rows = CsvTesting.roundTripRows();
    List<List<String>> expected = new ArrayList<>();
    if (c.header()) {
      expected.add(RoundTripData.SCHEMA.labels());
    }
    for (@Nullable Object[] row : rows) {
      expected.add(Arrays.stream(row).map(value -> expected(value, c)).toList());
    }

    byte[] file = CsvTesting.write(c.spec(), RoundTripData.SCHEMA, CsvTesting.records(rows)).toByteArray();

    String text = new String(file, c.charset());
    assertThat(text.startsWith("\uFEFF")).as("starts with a byte-order mark").isEqualTo(c.bom());
    List<List<String>> parsed = parse(c.bom() ? text.substring(1) : text, c.delimiter());
    assertThat(c.neutralise() ? read(parsed, c.header()) : parsed).containsExactlyElementsOf(expected);
  }

  /** {@code parsed} with the reader rule applied to the labels and to the cells of the text columns. */
  private static List<List<String>> read(List<List<String>> parsed, boolean header) {
    List<List<String>> read = new ArrayList<>();
    for (List<String> row : parsed) {
      boolean labels = header && read.isEmpty();
      List<String> cells = new ArrayList<>(row);
      for (int i = 0; i < cells.size(); i++) {
        if (labels || TEXT_COLUMNS.contains(i)) {
          cells.set(i, FormatTesting.unneutralised(cells.get(i)));
        }
      }
      read.add(cells);
    }
    return read;
  }

  /** The documented transformations of a value. */
  private static String expected(@Nullable Object value, Case c) {
    if (value == null) {
      return c.nullText();
    }
    if (!(value instanceof String text)) {
      return Objects.requireNonNull(RoundTripData.text(value));
    }
    // What the charset cannot encode, and a broken surrogate, becomes its replacement ('?' but in UTF-16).
    return c.charset().newEncoder().canEncode(text) ? text : replaceUnencodable(text, c.charset());
  }

  private static String replaceUnencodable(String text, Charset charset) {
    String replacement = new String(charset.newEncoder().replacement(), charset);
    StringBuilder replaced = new StringBuilder();
    text.codePoints().forEach(cp -> replaced.append(charset.newEncoder().canEncode(Character.toString(cp))
        ? Character.toString(cp)
        : replacement));
    return replaced.toString();
  }

  private static List<List<String>> parse(String file, char delimiter) throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
    try (CSVParser parser = format.parse(new StringReader(file))) {
      return parser.stream().map(CSVRecord::toList).toList();
    }
  }
}
