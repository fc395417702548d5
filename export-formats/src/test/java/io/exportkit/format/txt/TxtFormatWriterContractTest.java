package io.exportkit.format.txt;

import io.exportkit.format.WriterRulesContractTest;
import io.exportkit.spi.FormatWriterProvider;
import io.exportkit.spi.Schema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

class TxtFormatWriterContractTest extends WriterRulesContractTest {

  @Override
  protected FormatWriterProvider provider() {
    return new TxtFormatWriterProvider();
  }

  /** {@link TxtReader}; an empty value, the default null text, reads as null. */
  @Override
  protected List<List<@Nullable String>> parse(byte[] file, Schema schema) throws Exception {
    List<List<@Nullable String>> rows = new ArrayList<>();
    for (String line : TxtReader.lines(new String(file, StandardCharsets.UTF_8), "\r\n")) {
      List<@Nullable String> row = new ArrayList<>();
      for (String value : values(line)) {
        row.add(value.isEmpty() ? null : TxtReader.unescape(value));
      }
      rows.add(row);
    }
    return rows;
  }

  /** The values of a line, without padding. */
  List<String> values(String line) {
    return TxtReader.tabSeparated(line);
  }
}
