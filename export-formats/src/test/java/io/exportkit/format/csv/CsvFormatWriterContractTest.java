package io.exportkit.format.csv;

import io.exportkit.spi.FormatWriterProvider;
import io.exportkit.spi.Schema;
import io.exportkit.testing.FormatWriterContractTest;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

class CsvFormatWriterContractTest extends FormatWriterContractTest {

  @Override
  protected FormatWriterProvider provider() {
    return new CsvFormatWriterProvider();
  }

  /** Commons CSV's parser, not its printer; an empty cell, the default null text, reads as null. */
  @Override
  protected List<List<@Nullable String>> parse(byte[] file, Schema schema) throws Exception {
    CSVFormat format = CSVFormat.RFC4180.builder().setNullString("").get();
    List<List<@Nullable String>> rows = new ArrayList<>();
    try (CSVParser parser = format.parse(new StringReader(new String(file, StandardCharsets.UTF_8)))) {
      for (CSVRecord record : parser) {
        rows.add(record.toList());
      }
    }
    return rows;
  }
}
