package io.exportkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Acceptance: the demo exports the same seed in all four formats, and the four files hold the same
 * rows. Each file is read back by a parser of its own (Commons CSV, Jackson's {@code ObjectMapper},
 * the JDK's DOM parser, and the TXT escaping of {@code docs/formats.md}), and its values are
 * compared modulo the transformations {@code docs/formats.md} documents, which the readers below
 * undo explicitly: CSV and TXT put {@code '} before text a spreadsheet would run as a formula and
 * write nulls as empty cells, JSON types numbers and booleans, XML leaves nulls out and turns labels
 * into element names.
 */
class FormatsHoldTheSameRowsTest {
  /** A global export of the whole year: every operation, so every field of the account. */
  private static final List<String> LABELS = List.of("Operation", "ID", "E-mail", "First name", "Last name", "Phone",
      "Birth date", "Opt-in", "Participated at", "Won", "Prize", "Score", "Answer");
  private static final Set<String> NUMBERS = Set.of("ID", "Score");
  private static final Set<String> BOOLEANS = Set.of("Opt-in", "Won");
  private static final int ROWS = 3 * 2000;

  @TempDir
  static Path dir;

  @BeforeAll
  static void exportTheSameSeedInEveryFormat() {
    for (String format : List.of("csv", "json", "xml", "txt")) {
      Demo.Result result = Demo.run("--participants", "2000", "--seed", "7", "--type", "global", "--period",
          "2026-01-01/2026-12-31", "--format", format, "--to", "file:" + dir, "--naming", "demo.{ext}");
      assertThat(result.exit()).as(result.err()).isZero();
      assertThat(result.report()).as(format).containsEntry("rows", (long) ROWS);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "xml", "txt"})
  void eachFormatHoldsTheRowsOfTheCsvFile(String format) throws Exception {
    List<List<@Nullable String>> csv = csvRows();

    List<List<@Nullable String>> rows = switch (format) {
      case "json" -> jsonRows();
      case "xml" -> xmlRows();
      default -> txtRows();
    };

    assertThat(rows).hasSize(ROWS).hasSameSizeAs(csv);
    // Row by row, so that a difference names its row rather than printing six thousand.
    for (int row = 0; row < rows.size(); row++) {
      assertThat(rows.get(row)).as("row %d", row + 1).isEqualTo(csv.get(row));
    }
  }

  @Test
  void csvAndTxtNeutraliseFormulasWhereJsonAndXmlWriteTheTextAsItIs() throws Exception {
    int answer = LABELS.indexOf("Answer");
    int row = jsonRows().stream().map(values -> values.get(answer)).toList().indexOf("=1+2");

    String csv = DemoCommandTest.csv(dir.resolve("demo.csv")).get(1 + row).get(answer);
    String txt = txtCells().get(1 + row).get(answer);
    String xml = xmlRows().get(row).get(answer);

    assertThat(row).as("the account has an answer =1+2").isNotNegative();
    assertThat(csv).isEqualTo("'=1+2");
    assertThat(txt).isEqualTo("'=1+2");
    assertThat(xml).isEqualTo("=1+2");
  }

  @Test
  void everyFormatHoldsTheDocumentedTransformationsAtLeastOnce() throws Exception {
    String txt = Files.readString(dir.resolve("demo.txt"), StandardCharsets.UTF_8);
    String xml = Files.readString(dir.resolve("demo.xml"), StandardCharsets.UTF_8);
    List<List<@Nullable String>> rows = csvRows();

    assertThat(rows).as("nulls").anySatisfy(values -> assertThat(values).containsNull());
    assertThat(rows).as("line breaks").anySatisfy(values -> assertThat(values).contains("Windows line\r\nbreak"));
    assertThat(rows).as("tabs").anySatisfy(values -> assertThat(values).contains("\tindented"));
    assertThat(rows).as("supplementary characters").anySatisfy(values -> assertThat(values).contains("I love it 🎉"));
    assertThat(txt).contains("\tWindows line\\r\\nbreak\r\n", "\t'\\tindented\r\n");
    assertThat(xml).contains("<Answer>Windows line&#13;\nbreak</Answer>", "<First_name>", "<Participated_at>");
  }

  /** The data rows of the CSV file: an empty cell is null (the account has no empty text), formula prefixes removed. */
  private static List<List<@Nullable String>> csvRows() throws IOException {
    List<CSVRecord> records = DemoCommandTest.csv(dir.resolve("demo.csv"));
    assertThat(records.get(0).values()).containsExactlyElementsOf(LABELS);
    return records.subList(1, records.size()).stream().map(record -> cells(record.toList())).toList();
  }

  /** The data rows of the TXT file, read as the CSV's. */
  private static List<List<@Nullable String>> txtRows() throws IOException {
    List<List<String>> lines = txtCells();
    assertThat(lines.get(0)).containsExactlyElementsOf(LABELS);
    return lines.subList(1, lines.size()).stream().map(FormatsHoldTheSameRowsTest::cells).toList();
  }

  /**
   * Every line of the TXT file, the header first, as docs/formats.md says to read it: split at the
   * CRLF line endings, each line at tabs, then {@code \\}, {@code \t}, {@code \n} and {@code \r}
   * replaced by the character they stand for, left to right.
   */
  private static List<List<String>> txtCells() throws IOException {
    String text = Files.readString(dir.resolve("demo.txt"), StandardCharsets.UTF_8);
    assertThat(text).endsWith("\r\n");
    List<List<String>> lines = new ArrayList<>();
    for (String line : text.substring(0, text.length() - 2).split("\r\n", -1)) {
      List<String> cells = new ArrayList<>();
      for (String cell : line.split("\t", -1)) {
        cells.add(unescape(cell));
      }
      lines.add(cells);
    }
    return lines;
  }

  private static String unescape(String cell) {
    StringBuilder value = new StringBuilder(cell.length());
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (c != '\\') {
        value.append(c);
        continue;
      }
      char escaped = cell.charAt(++i);
      value.append(switch (escaped) {
        case '\\' -> '\\';
        case 't' -> '\t';
        case 'n' -> '\n';
        case 'r' -> '\r';
        default -> throw new AssertionError("an escape docs/formats.md does not document: \\" + escaped);
      });
    }
    return value.toString();
  }

  /**
   * CSV or TXT cells as values: empty is null, and the formula prefix is removed as docs/formats.md
   * says: one {@code '} from a cell that starts with one or more {@code '} before = + - @ TAB CR.
   */
  private static List<@Nullable String> cells(List<String> cells) {
    List<@Nullable String> values = new ArrayList<>();
    for (String cell : cells) {
      String afterQuotes = cell.replaceFirst("^'+", "");
      boolean neutralised = afterQuotes.length() < cell.length() && !afterQuotes.isEmpty()
          && "=+-@\t\r".indexOf(afterQuotes.charAt(0)) >= 0;
      values.add(cell.isEmpty() ? null : neutralised ? cell.substring(1) : cell);
    }
    return values;
  }

  /**
   * The objects of the JSON array, each checked to have the labels as keys in order, numbers and
   * booleans typed and everything else text; values as their text, null as null.
   */
  private static List<List<@Nullable String>> jsonRows() throws IOException {
    JsonNode array = new ObjectMapper().readTree(dir.resolve("demo.json").toFile());
    assertThat(array.isArray()).isTrue();
    List<List<@Nullable String>> rows = new ArrayList<>();
    for (JsonNode object : array) {
      List<String> keys = new ArrayList<>();
      object.fieldNames().forEachRemaining(keys::add);
      assertThat(keys).containsExactlyElementsOf(LABELS);
      List<@Nullable String> values = new ArrayList<>();
      for (String label : LABELS) {
        JsonNode value = object.get(label);
        if (!value.isNull()) {
          assertThat(NUMBERS.contains(label) ? value.isIntegralNumber() : BOOLEANS.contains(label) ? value.isBoolean()
              : value.isTextual()).as("%s is %s", label, value.getNodeType()).isTrue();
        }
        values.add(value.isNull() ? null : value.asText());
      }
      rows.add(values);
    }
    return rows;
  }

  /**
   * The row elements of the XML file. A label's element name is the label with its spaces as
   * {@code _}, the documented rule for these labels; a null value has no element.
   */
  private static List<List<@Nullable String>> xmlRows() throws Exception {
    Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("demo.xml").toFile())
        .getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("participants");
    List<String> names = LABELS.stream().map(label -> label.replace(' ', '_')).toList();
    List<List<@Nullable String>> rows = new ArrayList<>();
    for (Element row : children(root)) {
      assertThat(row.getTagName()).isEqualTo("participant");
      Map<String, String> elements = new LinkedHashMap<>();
      children(row).forEach(element -> elements.put(element.getTagName(), element.getTextContent()));
      assertThat(names).containsSubsequence(elements.keySet());
      List<@Nullable String> values = new ArrayList<>();
      names.forEach(name -> values.add(elements.get(name)));
      rows.add(values);
    }
    return rows;
  }

  private static List<Element> children(Element parent) {
    List<Element> children = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        children.add(element);
      }
    }
    return children;
  }
}
