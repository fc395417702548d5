package io.exportkit.format.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.FieldType;
import io.exportkit.FormatSpec;
import io.exportkit.ParticipantRecord;
import io.exportkit.spi.Column;
import io.exportkit.spi.Schema;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writes tricky values, parses the file back with Commons CSV's parser and expects the values
 * written, except for the documented changes: formula-like text gets a leading {@code '}, and
 * nulls become the null text.
 */
class CsvRoundTripTest {

  private static final String FORMULA_STARTS = "=+-@\t\r";

  private static final Schema SCHEMA = new Schema(List.of(
      new Column("id", "Id", FieldType.INTEGER, null),
      new Column("name", "Name", FieldType.STRING, null),
      new Column("comment", "Comment", FieldType.STRING, null),
      new Column("balance", "-Balance", FieldType.DECIMAL, null)), ZoneOffset.UTC);

  /** The options, and what the test expects them to mean. */
  record Case(FormatSpec spec, char delimiter, boolean header, String nullText, boolean neutralise) {
    @Override
    public String toString() {
      return spec.options().toString();
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(FormatSpec.of("csv"), ',', true, "", true),
        new Case(FormatSpec.of("csv").withOption("delimiter", ";").withOption("lineEnding", "lf")
            .withOption("nullText", "NULL"), ';', true, "NULL", true),
        new Case(FormatSpec.of("csv").withOption("header", "false"), ',', false, "", true),
        new Case(FormatSpec.of("csv").withOption("delimiter", "\t").withOption(FormatSpec.NEUTRALISE_FORMULAS, "false"),
            '\t', true, "", false));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void valuesSurviveWritingAndParsing(Case c) throws IOException {
    List<@Nullable String> values = TrickyValues.values(2_000);
    List<ParticipantRecord> records = new ArrayList<>();
    List<List<String>> expected = new ArrayList<>();
    if (c.header()) {
      expected.add(List.of("Id", "Name", "Comment", c.neutralise() ? "'-Balance" : "-Balance"));
    }
    for (int i = 0; i < values.size(); i++) {
      Long id = i % 13 == 0 ? null : (long) i - 500;
      String name = values.get(i);
      String comment = values.get((i * 7 + 3) % values.size());
      BigDecimal balance = i % 11 == 0 ? null : new BigDecimal("-" + i + ".50");
      records.add(ParticipantRecord.of(id, name, comment, balance));
      expected.add(List.of(id == null ? c.nullText() : id.toString(), text(name, c), text(comment, c),
          balance == null ? c.nullText() : balance.toPlainString()));
    }

    String file = CsvTesting.write(c.spec(), SCHEMA, records).text();

    assertThat(parse(file, c.delimiter())).containsExactlyElementsOf(expected);
  }

  /** The documented transformations of a STRING value. */
  private static String text(@Nullable String value, Case c) {
    if (value == null) {
      return c.nullText();
    }
    boolean formulaLike = !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0;
    return c.neutralise() && formulaLike ? "'" + value : value;
  }

  private static List<List<String>> parse(String file, char delimiter) throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
    try (CSVParser parser = format.parse(new StringReader(file))) {
      return parser.stream().map(CSVRecord::toList).toList();
    }
  }
}
