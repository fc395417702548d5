package io.exportkit.format.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.FormatSpec;
import io.exportkit.ParticipantRecord;
import io.exportkit.spi.Schema;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Without formula neutralisation, our files are exactly what a plain {@link CSVPrinter} writes. */
class CsvDifferentialTest {

  private static final String[] LABELS = {"Name", "Comment", "=Label"};

  /** Our options, and the Commons CSV format they should amount to, built here independently. */
  record Case(FormatSpec spec, CSVFormat format) {
    @Override
    public String toString() {
      return spec.options().toString();
    }
  }

  static Stream<Case> cases() {
    FormatSpec plain = FormatSpec.of("csv").withOption(FormatSpec.NEUTRALISE_FORMULAS, "false");
    return Stream.of(
        new Case(plain, CSVFormat.RFC4180.builder().setHeader(LABELS).get()),
        new Case(plain.withOption("delimiter", ";").withOption("lineEnding", "lf").withOption("nullText", "n/a"),
            CSVFormat.RFC4180.builder().setHeader(LABELS).setDelimiter(';').setRecordSeparator('\n')
                .setNullString("n/a").get()),
        new Case(plain.withOption("header", "false").withOption("delimiter", "\t"),
            CSVFormat.RFC4180.builder().setDelimiter('\t').get()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void writesTheSameBytesAsCsvPrinter(Case c) throws IOException {
    List<@Nullable String> values = TrickyValues.values(2_000);
    List<ParticipantRecord> records = new ArrayList<>();
    List<@Nullable Object[]> rows = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      @Nullable Object[] row = {values.get(i), values.get((i * 7 + 3) % values.size()), values.get((i * 3) % values.size())};
      records.add(ParticipantRecord.of(row));
      rows.add(row);
    }
    StringWriter reference = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(reference, c.format())) {
      for (@Nullable Object[] row : rows) {
        printer.printRecord(row);
      }
    }

    byte[] ours = CsvTesting.write(c.spec(), CsvTesting.strings(LABELS), records).toByteArray();

    assertThat(ours).isEqualTo(reference.toString().getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void writesTheSameHeaderAsCsvPrinterForAnEmptyFile(Case c) throws IOException {
    StringWriter reference = new StringWriter();
    new CSVPrinter(reference, c.format()).close();

    byte[] ours = CsvTesting.write(c.spec(), CsvTesting.strings(LABELS), List.of()).toByteArray();

    assertThat(ours).isEqualTo(reference.toString().getBytes(StandardCharsets.UTF_8));
  }
}
