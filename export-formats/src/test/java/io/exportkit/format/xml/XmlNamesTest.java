package io.exportkit.format.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class XmlNamesTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Name|Name",
      "E-mail|E-mail",
      "first.name|first.name",
      "_id|_id",
      "Played at|Played_at",
      "Winner?|Winner_",
      "a:b|a_b",
      "1st prize|_1st_prize",
      "-Balance|_-Balance",
      ".hidden|_.hidden",
      "xmlId|_xmlId",
      "XML|_XML",
      "Prénom|Prénom",
      "Straße|Straße",
      "Ελληνικά|Ελληνικά",
      "Имя|Имя",
      "名前|名前",
      "😀 score|__score",
      "a\u00b7b|a_b",
      "Ĳssel|_ssel"})
  void makesALabelIntoAnXmlName(String label, String name) {
    assertThat(XmlNames.of(label)).isEqualTo(name);
  }

  @Test
  void makesAnEmptyLabelIntoAnUnderscore() {
    assertThat(XmlNames.of("")).isEqualTo("_");
  }

  @Test
  void composesDecomposedLettersFirst() {
    assertThat(XmlNames.of("Pre\u0301nom")).isEqualTo("Prénom");
  }

  @ParameterizedTest
  @ValueSource(strings = {"participants", "row", "_x", "a-b.c", "Été"})
  void acceptsNamesItKeeps(String name) {
    assertThat(XmlNames.isValid(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1row", "a b", "ns:row", "xmlRow", "-x", "Pre\u0301nom"})
  void refusesNamesItWouldChange(String name) {
    assertThat(XmlNames.isValid(name)).isFalse();
  }

  @Test
  void everyNameItMakesOfOneOrTwoCharactersIsAcceptedByTheJdkParser() {
    StringBuilder document = new StringBuilder("<r>");
    int kept = 0;
    for (char c = 1; c < 0xFFFF; c++) {
      for (String name : new String[] {String.valueOf(c), "a" + c}) {
        if (!Character.isSurrogate(c) && XmlNames.isValid(name)) {
          document.append('<').append(name).append("/>");
          kept++;
        }
      }
    }
    document.append("</r>");
    byte[] bytes = document.toString().getBytes(StandardCharsets.UTF_8);

    assertThat(kept).isGreaterThan(60_000);
    assertThatNoException().isThrownBy(() -> DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(bytes)));
  }
}
