package io.exportkit.format.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.exportkit.FormatSpec;
import java.io.IOException;
import java.util.List;

/** The contract again, with {@code layout=ndjson}. */
class NdjsonFormatWriterContractTest extends JsonFormatWriterContractTest {

  @Override
  protected FormatSpec format() {
    return FormatSpec.of("json").withOption("layout", "ndjson");
  }

  @Override
  List<JsonNode> objects(byte[] file) throws IOException {
    return JsonTesting.ndjson(file);
  }
}
