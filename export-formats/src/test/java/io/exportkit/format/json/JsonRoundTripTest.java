package io.exportkit.format.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exportkit.FormatSpec;
import io.exportkit.ParticipantRecord;
import io.exportkit.format.FormatTesting;
import io.exportkit.format.RoundTripData;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Writes generated rows in both layouts, reads them back with Jackson's ObjectMapper and expects
 * every value as it was, with its JSON type: text exactly (control characters, lone surrogates and
 * formula signs included, nothing neutralised), numbers as numbers with their scale, booleans as
 * booleans, nulls as null; dates and date-times as ISO-8601 strings, the documented transformation.
 */
class JsonRoundTripTest {

  @ParameterizedTest
  @ValueSource(strings = {"array", "ndjson"})
  void valuesSurviveWritingAndParsingWithTheirTypes(String layout) throws IOException {
    List<ParticipantRecord> records = RoundTripData.records(RoundTripData.texts(2_000));
    List<List<@Nullable Object>> expected = records.stream().map(JsonRoundTripTest::expected).toList();

    byte[] file = FormatTesting.write(new JsonFormatWriterProvider(), FormatSpec.of("json").withOption("layout", layout),
        RoundTripData.SCHEMA, records);

    List<JsonNode> objects = layout.equals("array") ? JsonTesting.array(file) : JsonTesting.ndjson(file);
    assertThat(objects).allSatisfy(object -> assertThat(object.fieldNames()).toIterable()
        .containsExactly("Id", "Name", "Comment", "-Balance", "Winner?", "Born on", "Played at"));
    assertThat(objects.stream().map(JsonRoundTripTest::values).toList()).containsExactlyElementsOf(expected);
  }

  /** The record's values, dates and date-times as the ISO-8601 text the format documents. */
  private static List<@Nullable Object> expected(ParticipantRecord record) {
    List<@Nullable Object> values = new ArrayList<>();
    for (int i = 0; i < record.size(); i++) {
      Object value = record.get(i);
      values.add(value instanceof Instant || value instanceof LocalDate ? RoundTripData.text(value) : value);
    }
    return values;
  }

  /** The object's values as Java values of their JSON type: a number written as a string stays a String. */
  private static List<@Nullable Object> values(JsonNode object) {
    List<@Nullable Object> values = new ArrayList<>();
    object.elements().forEachRemaining(node -> values.add(value(node)));
    return values;
  }

  private static @Nullable Object value(JsonNode node) {
    if (node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    throw new AssertionError("unexpected " + node.getNodeType());
  }
}
