package io.exportkit.format;

import static io.exportkit.FieldScope.PARTICIPANT;
import static io.exportkit.FieldScope.PARTICIPATION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.exportkit.Destination;
import io.exportkit.Export;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportRun;
import io.exportkit.ExportService;
import io.exportkit.ExportType;
import io.exportkit.FieldDefinition;
import io.exportkit.FieldType;
import io.exportkit.FormatSpec;
import io.exportkit.GameKind;
import io.exportkit.Operation;
import io.exportkit.Period;
import io.exportkit.testing.InMemoryOperationDirectory;
import io.exportkit.testing.InMemoryParticipantSource;
import io.exportkit.testing.InMemoryTransport;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A global export over operations whose fields share a name but not a type: the column takes a
 * type that holds every operation's values (INTEGER with DECIMAL gives DECIMAL; any other mix gives
 * STRING), and every format writes them. Issue 10, item 13.
 */
class GlobalExportFieldTypesTest {

  private static final Operation INSTANT_WIN = new Operation("instant", "Spring instant-win", GameKind.INSTANT_WIN,
      Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-06-30T22:00:00Z"), List.of(
          new FieldDefinition("id", "Id", FieldType.STRING, PARTICIPANT),
          new FieldDefinition("score", "Score", FieldType.INTEGER, PARTICIPATION),
          new FieldDefinition("bonus", "Bonus", FieldType.BOOLEAN, PARTICIPATION),
          new FieldDefinition("played", "Played", FieldType.DATE, PARTICIPATION)));

  private static final Operation QUIZ = new Operation("quiz", "Spring quiz", GameKind.QUIZ,
      Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-06-30T22:00:00Z"), List.of(
          new FieldDefinition("id", "Id", FieldType.STRING, PARTICIPANT),
          new FieldDefinition("score", "Score", FieldType.DECIMAL, PARTICIPATION),
          new FieldDefinition("bonus", "Bonus", FieldType.STRING, PARTICIPATION),
          new FieldDefinition("played", "Played", FieldType.DATE_TIME, PARTICIPATION)));

  private static final List<String> HEADER = List.of("Operation", "Id", "Score", "Bonus", "Played");

  /** One row per operation, as the file holds them: the values of the unified columns as text. */
  private static final List<List<String>> ROWS = List.of(
      List.of("instant", "p1", "7", "true", "2026-05-02"),
      List.of("quiz", "p2", "7.50", "yes", "2026-05-03T10:00:00Z"));

  private final InMemoryTransport transport = new InMemoryTransport();
  private final ExportService exports = ExportService.builder()
      .participantSource(InMemoryParticipantSource.builder()
          .operation(INSTANT_WIN.id())
          .participation(Map.of("id", "p1", "score", 7L, "bonus", true, "played", LocalDate.of(2026, 5, 2),
              "participated_at", Instant.parse("2026-05-02T09:00:00Z")))
          .operation(QUIZ.id())
          .participation(Map.of("id", "p2", "score", new BigDecimal("7.50"), "bonus", "yes",
              "played", Instant.parse("2026-05-03T10:00:00Z"), "participated_at", Instant.parse("2026-05-03T10:00:00Z")))
          .build())
      .operationDirectory(InMemoryOperationDirectory.of(INSTANT_WIN, QUIZ))
      .transport(transport)
      .discoverProviders()
      .build();

  @ParameterizedTest
  @ValueSource(strings = {"csv", "json", "xml", "txt"})
  void sharedFieldsOfDifferentTypesAreWrittenInATypeThatHoldsBoth(String format) throws Exception {
    Export draft = exports.create(global(FormatSpec.of(format)));

    Export done = exports.publish(draft.id());

    ExportRun run = done.lastRun();
    assertThat(run.succeeded()).as(run.error()).isTrue();
    assertThat(run.rows()).isEqualTo(2);
    String text = transport.deliveries().get(0).text();
    assertThat(parse(format, text)).containsExactly(row(ROWS.get(0)), row(ROWS.get(1)));
  }

  @Test
  void jsonWritesTheUnifiedDecimalsAsNumbersAndTheMixedValuesAsStrings() throws Exception {
    Export done = exports.publish(exports.create(global(FormatSpec.of("json"))).id());

    JsonNode rows = new ObjectMapper().readTree(transport.deliveries().get(0).text());

    assertThat(done.lastRun().succeeded()).as(done.lastRun().error()).isTrue();
    assertThat(rows.get(0).get("Score").isNumber()).isTrue();
    assertThat(rows.get(1).get("Score").decimalValue()).isEqualByComparingTo("7.5");
    assertThat(rows.get(0).get("Bonus").isTextual()).isTrue();
    assertThat(rows.get(0).get("Played").isTextual()).isTrue();
  }

  private static ExportDefinition global(FormatSpec format) {
    return ExportDefinition.builder()
        .name("all-games")
        .type(ExportType.GLOBAL)
        .operations(List.of(INSTANT_WIN.id(), QUIZ.id()))
        .period(Period.parse("2026-05-01/2026-05-31"))
        .format(format)
        .destination(Destination.of("memory:out"))
        .build();
  }

  private static Map<String, String> row(List<String> values) {
    Map<String, String> row = new LinkedHashMap<>();
    for (int i = 0; i < HEADER.size(); i++) {
      row.put(HEADER.get(i), values.get(i));
    }
    return row;
  }

  /** The rows of the file, each a map from its header (or key, or element) to the value's text. */
  private static List<Map<String, String>> parse(String format, String text) throws Exception {
    List<Map<String, String>> rows = new ArrayList<>();
    switch (format) {
      case "csv" -> {
        for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
            .parse(new StringReader(text.replace("\uFEFF", "")))) {
          rows.add(new LinkedHashMap<>(record.toMap()));
        }
      }
      case "json" -> {
        // Decimals as written: 7.50 stays 7.50, not the double 7.5.
        ObjectMapper exact = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        for (JsonNode node : exact.readTree(text)) {
          Map<String, String> row = new LinkedHashMap<>();
          node.fields().forEachRemaining(field -> row.put(field.getKey(), field.getValue().asText()));
          rows.add(row);
        }
      }
      case "xml" -> {
        NodeList records = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .getDocumentElement().getChildNodes();
        for (int i = 0; i < records.getLength(); i++) {
          if (records.item(i) instanceof Element record) {
            Map<String, String> row = new LinkedHashMap<>();
            NodeList values = record.getChildNodes();
            for (int j = 0; j < values.getLength(); j++) {
              if (values.item(j) instanceof Element value) {
                row.put(HEADER.get(row.size()), value.getTextContent());
              }
            }
            rows.add(row);
          }
        }
      }
      case "txt" -> {
        List<String> lines = text.lines().toList();
        for (String line : lines.subList(1, lines.size())) {
          rows.add(row(List.of(line.split("\t", -1))));
        }
      }
      default -> throw new IllegalArgumentException(format);
    }
    return rows;
  }
}
