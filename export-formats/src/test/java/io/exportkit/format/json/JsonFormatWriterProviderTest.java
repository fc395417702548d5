package io.exportkit.format.json;

import static io.exportkit.format.FormatTesting.ANN;
import static io.exportkit.format.FormatTesting.TYPED;
import static io.exportkit.format.FormatTesting.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.exportkit.FieldType;
import io.exportkit.FormatSpec;
import io.exportkit.ParticipantRecord;
import io.exportkit.format.FormatTesting;
import io.exportkit.spi.Column;
import io.exportkit.spi.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonFormatWriterProviderTest {

  private static final FormatSpec JSON = FormatSpec.of("json");
  private static final FormatSpec NDJSON = JSON.withOption("layout", "ndjson");

  private static final ParticipantRecord NOBODY = ParticipantRecord.of(null, null, null, null, null, null);

  private final JsonFormatWriterProvider provider = new JsonFormatWriterProvider();

  private String write(FormatSpec spec, Schema schema, ParticipantRecord... records) throws IOException {
    return FormatTesting.text(provider, spec, schema, records);
  }

  @Test
  void isTheJsonFormatOfMediaTypeApplicationJson() {
    assertThat(provider.id()).isEqualTo("json");
    assertThat(provider.mediaType()).isEqualTo("application/json");
  }

  @Nested
  class Defaults {

    @Test
    void writesAnArrayWithOneTypedObjectPerLine() throws IOException {
      String file = write(JSON, TYPED, ANN, NOBODY);

      assertThat(file).isEqualTo("""
          [
          {"Name":"Ann","Score":3,"Ratio":-1.50,"Active":true,"Born":"2000-02-29","Seen":"2026-05-01T10:15:30+02:00"},
          {"Name":null,"Score":null,"Ratio":null,"Active":null,"Born":null,"Seen":null}
          ]
          """);
    }

    @Test
    void writesAnEmptyArrayForAnExportWithoutRecords() throws IOException {
      String file = write(JSON, TYPED);

      assertThat(file).isEqualTo("[]\n");
    }

    @Test
    void writesNumbersInPlainNotationWhateverTheirSize() throws IOException {
      Schema schema = new Schema(List.of(
          new Column("big", "Big", FieldType.INTEGER, null),
          new Column("tiny", "Tiny", FieldType.DECIMAL, null),
          new Column("double", "Double", FieldType.DECIMAL, null)), ZoneOffset.UTC);

      String file = write(NDJSON, schema, ParticipantRecord.of(new BigInteger("123456789012345678901234567890"),
          new BigDecimal("-1E-7"), 1e10d));

      assertThat(file).isEqualTo("{\"Big\":123456789012345678901234567890,\"Tiny\":-0.0000001,\"Double\":10000000000}\n");
    }

    @Test
    void writesPatternedValuesAsTheTextThePatternGives() throws IOException {
      Schema schema = new Schema(List.of(
          new Column("amount", "Amount", FieldType.DECIMAL, "#,##0.00"),
          new Column("code", "Code", FieldType.INTEGER, "000000"),
          new Column("day", "Day", FieldType.DATE, "dd/MM/yyyy")), ZoneOffset.UTC);

      String file = write(NDJSON, schema, ParticipantRecord.of(new BigDecimal("1234.5"), 42L, LocalDate.of(2026, 5, 1)));

      assertThat(file).isEqualTo("{\"Amount\":\"1,234.50\",\"Code\":\"000042\",\"Day\":\"01/05/2026\"}\n");
    }

    @Test
    void escapesWhatJsonRequiresAndWritesTheRestAsUtf8() throws IOException {
      String file = write(NDJSON, strings("A", "B", "C"), ParticipantRecord.of("say \"hi\"\\", "tab\there\r\n\u0000",
          "Zoë 😀"));

      assertThat(file).isEqualTo("{\"A\":\"say \\\"hi\\\"\\\\\",\"B\":\"tab\\there\\r\\n\\u0000\",\"C\":\"Zoë 😀\"}\n");
    }

    @Test
    void writesALoneSurrogateAsAnEscapeSoItReadsBackAsItWas() throws IOException {
      String file = write(NDJSON, strings("A"), ParticipantRecord.of("x\ud83dy"));

      assertThat(file).isEqualTo("{\"A\":\"x\\uD83Dy\"}\n");
      assertThat(JsonTesting.MAPPER.readTree(file).get("A").textValue()).isEqualTo("x\ud83dy");
    }

    @Test
    void writesFormulasAsTheyAre() throws IOException {
      String file = write(NDJSON, strings("=Label"), ParticipantRecord.of("=1+1"));

      assertThat(file).isEqualTo("{\"=Label\":\"=1+1\"}\n");
    }

    @Test
    void suffixesLabelsThatAnEarlierColumnHasSoKeysAreUnique() throws IOException {
      String file = write(NDJSON, strings("Name", "Name", "name", "Name_2"), ParticipantRecord.of("a", "b", "c", "d"));

      assertThat(file).isEqualTo("{\"Name\":\"a\",\"Name_2\":\"b\",\"name\":\"c\",\"Name_2_2\":\"d\"}\n");
    }
  }

  @Nested
  class Options {

    @Test
    void layoutNdjsonWritesOneObjectPerLfEndedLineAndNothingElse() throws IOException {
      String file = write(NDJSON, TYPED, ANN, NOBODY);

      assertThat(file).isEqualTo("""
          {"Name":"Ann","Score":3,"Ratio":-1.50,"Active":true,"Born":"2000-02-29","Seen":"2026-05-01T10:15:30+02:00"}
          {"Name":null,"Score":null,"Ratio":null,"Active":null,"Born":null,"Seen":null}
          """);
    }

    @Test
    void layoutNdjsonWritesNothingForAnExportWithoutRecords() throws IOException {
      String file = write(NDJSON, TYPED);

      assertThat(file).isEmpty();
    }

    @Test
    void layoutArrayIsTheDefault() throws IOException {
      String file = write(JSON.withOption("layout", "ARRAY"), strings("A"), ParticipantRecord.of("a"));

      assertThat(file).isEqualTo(write(JSON, strings("A"), ParticipantRecord.of("a")));
    }
  }

  @Nested
  class Validation {

    static Stream<Arguments> invalidOptions() {
      return Stream.of(
          Arguments.of("layout", "lines", "option 'layout' accepts array or ndjson; got \"lines\""),
          Arguments.of(FormatSpec.NEUTRALISE_FORMULAS, "true", "option 'neutraliseFormulas' applies to the csv and txt"
              + " formats only: the json format writes text as it is"),
          Arguments.of("pretty", "true", "unknown option 'pretty'; the json format accepts layout"));
    }

    @ParameterizedTest
    @MethodSource("invalidOptions")
    void namesTheOptionAndWhatItAccepts(String option, String value, String message) {
      List<String> problems = provider.validate(JSON.withOption(option, value));

      assertThat(problems).containsExactly(message);
    }

    @Test
    void openRejectsWhatValidateReportsBeforeWritingAnything() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      assertThatIllegalArgumentException().isThrownBy(() -> provider.open(out, strings("A"), JSON.withOption("layout", "x")))
          .withMessage("invalid json options: option 'layout' accepts array or ndjson; got \"x\"");
      assertThat(out.size()).isZero();
    }
  }
}
