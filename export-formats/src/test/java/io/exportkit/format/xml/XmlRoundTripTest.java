package io.exportkit.format.xml;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.FormatSpec;
import io.exportkit.ParticipantRecord;
import io.exportkit.format.FormatTesting;
import io.exportkit.format.RoundTripData;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Writes generated rows, reads them back with the JDK's DOM parser and expects every value as it
 * was, modulo the documented transformations: labels become XML names, a null value has no
 * element, and characters XML 1.0 forbids become U+FFFD (or fail the export with
 * {@code invalidChars=reject}). CR, tabs, markup characters and emoji survive.
 */
class XmlRoundTripTest {

  /** The element name of each label of {@link RoundTripData#SCHEMA}, by the documented rule. */
  private static final List<String> NAMES = List.of("Id", "Name", "Comment", "_-Balance", "Winner_", "Born_on",
      "Played_at");

  @Test
  void valuesSurviveWritingAndParsingWithForbiddenCharactersReplaced() throws Exception {
    List<ParticipantRecord> records = RoundTripData.records(RoundTripData.texts(2_000));
    List<Map<String, String>> expected = records.stream().map(r -> expected(r, XmlRoundTripTest::replaceForbidden))
        .toList();

    byte[] file = FormatTesting.write(new XmlFormatWriterProvider(), FormatSpec.of("xml"), RoundTripData.SCHEMA,
        records);

    assertThat(parse(file)).containsExactlyElementsOf(expected);
  }

  @Test
  void valuesWithoutForbiddenCharactersSurviveUnchangedWhenTheyAreRejected() throws Exception {
    List<@Nullable String> texts = RoundTripData.texts(2_000).stream()
        .filter(t -> t == null || replaceForbidden(t).equals(t))
        .toList();
    List<ParticipantRecord> records = RoundTripData.records(texts);
    List<Map<String, String>> expected = records.stream().map(r -> expected(r, t -> t)).toList();

    byte[] file = FormatTesting.write(new XmlFormatWriterProvider(),
        FormatSpec.of("xml").withOption("invalidChars", "reject"), RoundTripData.SCHEMA, records);

    assertThat(texts).contains("line\r\nbreak", "carriage\rreturn", "\ttab", "<tag attr=\"x\">&amp;</tag>", "😀 emoji");
    assertThat(parse(file)).containsExactlyElementsOf(expected);
  }

  /** The elements expected for {@code record}: none for a null value. */
  private static Map<String, String> expected(ParticipantRecord record, UnaryOperator<String> text) {
    Map<String, String> elements = new LinkedHashMap<>();
    for (int i = 0; i < record.size(); i++) {
      String value = RoundTripData.text(record.get(i));
      if (value != null) {
        elements.put(NAMES.get(i), text.apply(value));
      }
    }
    return elements;
  }

  /** The documented replacement: each character outside XML 1.0's Char production becomes U+FFFD. */
  static String replaceForbidden(String text) {
    StringBuilder replaced = new StringBuilder();
    text.codePoints().forEach(c -> {
      boolean allowed = c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
          || c >= 0x10000 && c <= 0x10FFFF;
      replaced.appendCodePoint(allowed ? c : 0xFFFD);
    });
    return replaced.toString();
  }

  /** Each record element's children, by name, in document order. */
  private static List<Map<String, String>> parse(byte[] file) throws Exception {
    Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(file));
    Element root = document.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("participants");
    List<Map<String, String>> records = new ArrayList<>();
    for (Node row = root.getFirstChild(); row != null; row = row.getNextSibling()) {
      if (row instanceof Element element) {
        assertThat(element.getTagName()).isEqualTo("participant");
        Map<String, String> values = new LinkedHashMap<>();
        for (Node value = element.getFirstChild(); value != null; value = value.getNextSibling()) {
          Element field = (Element) Objects.requireNonNull(value);
          values.put(field.getTagName(), field.getTextContent());
        }
        records.add(values);
      } else {
        assertThat(row.getNodeType()).isEqualTo(Node.TEXT_NODE);
        assertThat(row.getTextContent()).isBlank();
      }
    }
    return records;
  }
}
