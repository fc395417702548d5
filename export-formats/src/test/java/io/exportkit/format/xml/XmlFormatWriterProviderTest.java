package io.exportkit.format.xml;

import static io.exportkit.format.FormatTesting.ANN;
import static io.exportkit.format.FormatTesting.TYPED;
import static io.exportkit.format.FormatTesting.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exportkit.FormatException;
import io.exportkit.FormatSpec;
import io.exportkit.ParticipantRecord;
import io.exportkit.format.FormatTesting;
import io.exportkit.spi.FormatWriter;
import io.exportkit.spi.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class XmlFormatWriterProviderTest {

  private static final FormatSpec XML = FormatSpec.of("xml");
  private static final FormatSpec REJECT = XML.withOption("invalidChars", "reject");

  private final XmlFormatWriterProvider provider = new XmlFormatWriterProvider();

  private String write(FormatSpec spec, Schema schema, ParticipantRecord... records) throws IOException {
    return FormatTesting.text(provider, spec, schema, records);
  }

  @Test
  void isTheXmlFormatOfMediaTypeApplicationXml() {
    assertThat(provider.id()).isEqualTo("xml");
    assertThat(provider.mediaType()).isEqualTo("application/xml");
  }

  @Nested
  class Defaults {

    @Test
    void writesADeclaredUtf8DocumentWithOneElementPerRecordAndValue() throws IOException {
      String file = write(XML, TYPED, ANN);

      assertThat(file).isEqualTo("""
          <?xml version="1.0" encoding="UTF-8"?>
          <participants>
            <participant><Name>Ann</Name><Score>3</Score><Ratio>-1.50</Ratio><Active>true</Active>\
          <Born>2000-02-29</Born><Seen>2026-05-01T10:15:30+02:00</Seen></participant>
          </participants>
          """);
    }

    @Test
    void leavesOutTheElementOfANullValueAndWritesAnEmptyOneForEmptyText() throws IOException {
      String file = write(XML, strings("A", "B", "C"), ParticipantRecord.of("a", null, ""));

      assertThat(file).contains("<participant><A>a</A><C></C></participant>");
    }

    @Test
    void writesAnEmptyRootForAnExportWithoutRecords() throws IOException {
      String file = write(XML, strings("A"));

      assertThat(file).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<participants>\n</participants>\n");
    }

    @Test
    void escapesMarkupAndWritesCarriageReturnsAsReferencesSoParsersKeepThem() throws IOException {
      String file = write(XML, strings("A"), ParticipantRecord.of("<b>&]]>\"'\tx\r\ny"));

      assertThat(file).contains("<A>&lt;b&gt;&amp;]]&gt;\"'\tx&#13;\ny</A>");
    }

    @Test
    void replacesCharactersXmlForbidsWithTheReplacementCharacter() throws IOException {
      String file = write(XML, strings("A"), ParticipantRecord.of("a\u0000b\u001bc\uffffd\ud83de😀"));

      assertThat(file).contains("<A>a\ufffdb\ufffdc\ufffdd\ufffde😀</A>");
    }

    @Test
    void writesFormulasAsTheyAre() throws IOException {
      String file = write(XML, strings("A"), ParticipantRecord.of("=1+1"));

      assertThat(file).contains("<A>=1+1</A>");
    }

    @Test
    void makesLabelsIntoXmlNamesAndSuffixesCollisions() throws IOException {
      String file = write(XML, strings("Played at", "Played_at", "1st", "xml", "Name"),
          ParticipantRecord.of("a", "b", "c", "d", "e"));

      assertThat(file).contains("<participant><Played_at>a</Played_at><Played_at_2>b</Played_at_2><_1st>c</_1st>"
          + "<_xml>d</_xml><Name>e</Name></participant>");
    }
  }

  @Nested
  class Options {

    @Test
    void rootElementAndRowElementNameTheElements() throws IOException {
      String file = write(XML.withOption("rootElement", "winners").withOption("rowElement", "winner"), strings("A"),
          ParticipantRecord.of("a"));

      assertThat(file).isEqualTo("""
          <?xml version="1.0" encoding="UTF-8"?>
          <winners>
            <winner><A>a</A></winner>
          </winners>
          """);
    }

    @Test
    void invalidCharsReplaceIsTheDefault() throws IOException {
      String file = write(XML.withOption("invalidChars", "replace"), strings("A"), ParticipantRecord.of("a\u0001"));

      assertThat(file).isEqualTo(write(XML, strings("A"), ParticipantRecord.of("a\u0001")));
    }

    @Test
    void invalidCharsRejectFailsTheRecordNamingRowColumnAndCodePointButNotTheValue() throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      FormatWriter writer = provider.open(out, strings("Name", "Note"), REJECT);
      writer.write(ParticipantRecord.of("Ann", "fine\r\n\ttext 😀"));

      assertThatThrownBy(() -> writer.write(ParticipantRecord.of("Bob", "secret\u0007")))
          .isInstanceOf(FormatException.class)
          .hasMessage("row 2, column 'note' holds U+0007, a character that XML 1.0 does not allow; remove it at the"
              + " source or set invalidChars=replace");
      writer.finish();

      assertThat(out.toString()).contains("<participant><Name>Ann</Name>").doesNotContain("Bob");
    }

    @Test
    void invalidCharsRejectRejectsALoneSurrogate() throws IOException {
      FormatWriter writer = provider.open(new ByteArrayOutputStream(), strings("Name"), REJECT);

      assertThatThrownBy(() -> writer.write(ParticipantRecord.of("x\ude00")))
          .isInstanceOf(FormatException.class)
          .hasMessageContaining("holds U+DE00");
    }
  }

  @Nested
  class Validation {

    static Stream<Arguments> invalidOptions() {
      String name = " accepts an XML name: letters, digits, '_', '-' and '.', starting with a letter or '_' but not"
          + " with 'xml', such as ";
      return Stream.of(
          Arguments.of("rootElement", "my root", "option 'rootElement'" + name + "participants; got \"my root\""),
          Arguments.of("rootElement", "", "option 'rootElement'" + name + "participants; got \"\""),
          Arguments.of("rowElement", "ns:row", "option 'rowElement'" + name + "participant; got \"ns:row\""),
          Arguments.of("rowElement", "1row", "option 'rowElement'" + name + "participant; got \"1row\""),
          Arguments.of("rowElement", "xmlRow", "option 'rowElement'" + name + "participant; got \"xmlRow\""),
          Arguments.of("invalidChars", "drop", "option 'invalidChars' accepts replace or reject; got \"drop\""),
          Arguments.of(FormatSpec.NEUTRALISE_FORMULAS, "false", "option 'neutraliseFormulas' applies to the csv and"
              + " txt formats only: the xml format writes text as it is"),
          Arguments.of("encoding", "UTF-16", "unknown option 'encoding'; the xml format accepts rootElement,"
              + " rowElement, invalidChars"));
    }

    @ParameterizedTest
    @MethodSource("invalidOptions")
    void namesTheOptionAndWhatItAccepts(String option, String value, String message) {
      List<String> problems = provider.validate(XML.withOption(option, value));

      assertThat(problems).containsExactly(message);
    }

    @Test
    void acceptsEveryOptionSetToAValidValue() {
      FormatSpec spec = XML.withOption("rootElement", "Gewinner").withOption("rowElement", "Teilnehmer.in")
          .withOption("invalidChars", "REJECT");

      assertThat(provider.validate(spec)).isEmpty();
    }

    @Test
    void openRejectsWhatValidateReportsBeforeWritingAnything() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      assertThatIllegalArgumentException()
          .isThrownBy(() -> provider.open(out, strings("A"), XML.withOption("invalidChars", "x")))
          .withMessage("invalid xml options: option 'invalidChars' accepts replace or reject; got \"x\"");
      assertThat(out.size()).isZero();
    }
  }
}
