package io.exportkit.format.txt;

import io.exportkit.FormatSpec;
import java.util.List;

/** The contract again, with {@code layout=fixed}: the id right-aligned, the texts left-aligned. */
class FixedWidthFormatWriterContractTest extends TxtFormatWriterContractTest {

  private static final List<Integer> WIDTHS = List.of(8, 20, 20);

  @Override
  protected FormatSpec format() {
    return FormatSpec.of("txt").withOption("layout", "fixed").withOption("widths", "8,20,20");
  }

  @Override
  List<String> values(String line) {
    List<String> values = TxtReader.fixedWidth(line, WIDTHS);
    return List.of(TxtReader.unpad(values.get(0), true), TxtReader.unpad(values.get(1), false),
        TxtReader.unpad(values.get(2), false));
  }
}
