package io.exportkit.format.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.exportkit.format.WriterRulesContractTest;
import io.exportkit.spi.FormatWriterProvider;
import io.exportkit.spi.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

class JsonFormatWriterContractTest extends WriterRulesContractTest {

  @Override
  protected FormatWriterProvider provider() {
    return new JsonFormatWriterProvider();
  }

  /** Jackson's ObjectMapper; the keys of the first object are the labels, a JSON null reads as null. */
  @Override
  protected List<List<@Nullable String>> parse(byte[] file, Schema schema) throws Exception {
    List<JsonNode> objects = objects(file);
    List<List<@Nullable String>> rows = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    if (objects.isEmpty()) {
      labels.addAll(schema.labels());
    } else {
      objects.get(0).fieldNames().forEachRemaining(labels::add);
    }
    rows.add(labels);
    for (JsonNode object : objects) {
      List<@Nullable String> row = new ArrayList<>();
      object.elements().forEachRemaining(value -> row.add(value.isNull() ? null : value.asText()));
      rows.add(row);
    }
    return rows;
  }

  List<JsonNode> objects(byte[] file) throws IOException {
    return JsonTesting.array(file);
  }
}
