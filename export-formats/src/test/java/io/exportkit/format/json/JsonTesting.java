package io.exportkit.format.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads JSON files back with Jackson's {@link ObjectMapper}, not with the generator under test. */
final class JsonTesting {

  /** Decimals read as exact {@code BigDecimal}s, scale kept; anything after the array is an error. */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private JsonTesting() {}

  /** The objects of a file in the {@code array} layout, checking that it is one array. */
  static List<JsonNode> array(byte[] file) throws IOException {
    JsonNode root = MAPPER.readTree(file);
    if (!root.isArray()) {
      throw new IOException("not an array: " + root.getNodeType());
    }
    List<JsonNode> objects = new ArrayList<>();
    root.forEach(objects::add);
    return objects;
  }

  /** The objects of a file in the {@code ndjson} layout, checking that each line, LF-ended, is one. */
  static List<JsonNode> ndjson(byte[] file) throws IOException {
    String text = new String(file, StandardCharsets.UTF_8);
    List<JsonNode> objects = new ArrayList<>();
    if (text.isEmpty()) {
      return objects;
    }
    if (!text.endsWith("\n")) {
      throw new IOException("the last line does not end with LF");
    }
    for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
      objects.add(MAPPER.readTree(line));
    }
    return objects;
  }
}
