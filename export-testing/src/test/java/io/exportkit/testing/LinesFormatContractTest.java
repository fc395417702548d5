package io.exportkit.testing;

import io.exportkit.spi.FormatWriterProvider;
import io.exportkit.spi.Schema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The test format keeps the format contract, so the service tests rest on a sound writer. */
class LinesFormatContractTest extends FormatWriterContractTest {

  @Override
  protected FormatWriterProvider provider() {
    return new LinesFormat();
  }

  @Override
  protected List<List<String>> parse(byte[] file, Schema schema) {
    List<List<String>> rows = new ArrayList<>();
    for (String line : new String(file, StandardCharsets.UTF_8).split("\n")) {
      rows.add(Arrays.stream(line.split(",", -1)).map(value -> value.isEmpty() ? null : value).toList());
    }
    return rows;
  }
}
