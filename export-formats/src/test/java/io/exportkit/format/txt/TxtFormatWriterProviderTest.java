package io.exportkit.format.txt;

import static io.exportkit.format.FormatTesting.ANN;
import static io.exportkit.format.FormatTesting.TYPED;
import static io.exportkit.format.FormatTesting.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exportkit.FieldType;
import io.exportkit.FormatException;
import io.exportkit.FormatSpec;
import io.exportkit.ParticipantRecord;
import io.exportkit.format.FormatTesting;
import io.exportkit.spi.Column;
import io.exportkit.spi.FormatWriter;
import io.exportkit.spi.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;

class TxtFormatWriterProviderTest {

  private static final FormatSpec TXT = FormatSpec.of("txt");
  private static final FormatSpec FIXED = TXT.withOption("layout", "fixed");

  private final TxtFormatWriterProvider provider = new TxtFormatWriterProvider();

  private String write(FormatSpec spec, Schema schema, ParticipantRecord... records) throws IOException {
    return FormatTesting.text(provider, spec, schema, records);
  }

  private static Schema schema(Column... columns) {
    return new Schema(List.of(columns), ZoneOffset.UTC);
  }

  @Test
  void isTheTxtFormatOfMediaTypeTextPlain() {
    assertThat(provider.id()).isEqualTo("txt");
    assertThat(provider.mediaType()).isEqualTo("text/plain");
  }

  @Nested
  class Defaults {

    @Test
    void writesTabSeparatedLinesWithAHeaderAndCrlf() throws IOException {
      String file = write(TXT, TYPED, ANN, ParticipantRecord.of(null, null, null, null, null, null));

      assertThat(file).isEqualTo("Name\tScore\tRatio\tActive\tBorn\tSeen\r\n"
          + "Ann\t3\t-1.50\ttrue\t2000-02-29\t2026-05-01T10:15:30+02:00\r\n"
          + "\t\t\t\t\t\r\n");
    }

    @Test
    void escapesBackslashesTabsAndLineBreaksAndNothingElse() throws IOException {
      String file = write(TXT.withOption("header", "false"), strings("A", "B"),
          ParticipantRecord.of("a\\b\tc\nd\re\r\nf", "\\t \"q\" ,; 😀 \u0000"));

      assertThat(file).isEqualTo("a\\\\b\\tc\\nd\\re\\r\\nf\t\\\\t \"q\" ,; 😀 \u0000\r\n");
    }

    @Test
    void escapesLabelsToo() throws IOException {
      String file = write(TXT, strings("First\tname"));

      assertThat(file).isEqualTo("First\\tname\r\n");
    }

    @Test
    void writesALoneSurrogateAsTheReplacementCharacter() throws IOException {
      String file = write(TXT.withOption("header", "false"), strings("A"), ParticipantRecord.of("x\ud83dy😀"));

      assertThat(file).isEqualTo("x\ufffdy😀\r\n");
    }

    @Test
    void writesTheHeaderOfAFileWithoutRecords() throws IOException {
      String file = write(TXT, strings("Name", "Email"));

      assertThat(file).isEqualTo("Name\tEmail\r\n");
    }
  }

  @Nested
  class FormulaNeutralisation {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"=1+1|'=1+1", "+33 6|'+33 6", "-2+3|'-2+3", "@SUM(A1)|'@SUM(A1)", "a=1|a=1",
        "'=1|''=1", "'a|'a"})
    void prefixesTextThatStartsAFormula(String value, String written) throws IOException {
      String file = write(TXT.withOption("header", "false"), strings("A"), ParticipantRecord.of(value));

      assertThat(file).isEqualTo(written + "\r\n");
    }

    @Test
    void prefixesBeforeEscaping() throws IOException {
      String file = write(TXT.withOption("header", "false"), strings("A", "B"), ParticipantRecord.of("\tx", "\rx"));

      assertThat(file).isEqualTo("'\\tx\t'\\rx\r\n");
    }

    @Test
    void prefixesLabelsButLeavesNumbersAndTheNullTextAlone() throws IOException {
      Schema schema = new Schema(List.of(
          new Column("score", "=Score", FieldType.INTEGER, null),
          new Column("note", "Note", FieldType.STRING, null)), ZoneOffset.UTC);

      String file = write(TXT.withOption("nullText", "-"), schema, ParticipantRecord.of(-12L, null));

      assertThat(file).isEqualTo("'=Score\tNote\r\n-12\t-\r\n");
    }
  }

  @Nested
  class Options {

    @Test
    void headerFalseLeavesTheHeaderOut() throws IOException {
      String file = write(TXT.withOption("header", "false"), strings("A", "B"), ParticipantRecord.of("a", "b"));

      assertThat(file).isEqualTo("a\tb\r\n");
    }

    @Test
    void lineEndingLfEndsLinesWithLf() throws IOException {
      String file = write(TXT.withOption("lineEnding", "lf"), strings("A", "B"), ParticipantRecord.of("a", "b"));

      assertThat(file).isEqualTo("A\tB\na\tb\n");
    }

    @Test
    void nullTextIsWrittenAsItIsForNullsButNotForEmptyText() throws IOException {
      String file = write(TXT.withOption("nullText", "\\N"), strings("A", "B", "C"), ParticipantRecord.of("", null,
          "\\N"));

      assertThat(file).isEqualTo("A\tB\tC\r\n\t\\N\t\\\\N\r\n");
    }

    @Test
    void neutraliseFormulasFalseWritesFormulasAsTheyAre() throws IOException {
      String file = write(TXT.withOption(FormatSpec.NEUTRALISE_FORMULAS, "false"), strings("=Label"),
          ParticipantRecord.of("=1+1"));

      assertThat(file).isEqualTo("=Label\r\n=1+1\r\n");
    }

    @Test
    void layoutFixedPadsTextOnTheRightAndNumbersOnTheLeftWithNothingBetween() throws IOException {
      FormatSpec spec = FIXED.withOption("widths", "5,6,7,6,10,25").withOption("nullText", "?");

      String file = write(spec, TYPED, ANN, ParticipantRecord.of("Zoë😀", null, null, false, null, null));

      assertThat(file).isEqualTo(""
          + "Name  Score  RatioActiveBorn      Seen                     \r\n"
          + "Ann       3  -1.50true  2000-02-292026-05-01T10:15:30+02:00\r\n"
          + "Zoë😀      ?      ?false ?         ?                        \r\n");
    }

    @Test
    void layoutFixedCountsEscapesInTheWidth() throws IOException {
      String file = write(FIXED.withOption("widths", "6,3").withOption("header", "false"), strings("A", "B"),
          ParticipantRecord.of("a\tb", "c"));

      assertThat(file).isEqualTo("a\\tb  c  \r\n");
    }

    @Test
    void overflowFailIsTheDefaultAndFailsTheRecordNamingRowColumnAndWidthButNotTheValue() throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      FormatWriter writer = provider.open(out, strings("Name", "Note"), FIXED.withOption("widths", "4,8"));
      writer.write(ParticipantRecord.of("Ann", "short"));

      assertThatThrownBy(() -> writer.write(ParticipantRecord.of("Bob", "far too long")))
          .isInstanceOf(FormatException.class)
          .hasMessage("row 2, column 'note' is wider than its width 8; widen the column or set overflow=truncate");
      writer.finish();

      assertThat(out.toString()).isEqualTo("NameNote    \r\nAnn short   \r\n");
    }

    @Test
    void overflowTruncateKeepsTheCodePointsThatFitAndNeverHalfAnEscapeOrPair() throws IOException {
      FormatSpec spec = FIXED.withOption("widths", "3,3,3,3").withOption("overflow", "truncate")
          .withOption("header", "false");
      Schema schema = new Schema(List.of(
          new Column("a", "A", FieldType.STRING, null),
          new Column("b", "B", FieldType.STRING, null),
          new Column("c", "C", FieldType.STRING, null),
          new Column("n", "N", FieldType.INTEGER, null)), ZoneOffset.UTC);

      String file = write(spec, schema, ParticipantRecord.of("abcdef", "ab\tc", "😀😀😀😀", 123456L));

      assertThat(file).isEqualTo("abcab 😀😀😀123\r\n");
    }

    @Test
    void overflowTruncateCutsLabelsToo() throws IOException {
      String file = write(FIXED.withOption("widths", "3").withOption("overflow", "truncate"), strings("Name"));

      assertThat(file).isEqualTo("Nam\r\n");
    }

    @Test
    void overflowFailRejectsALabelWiderThanItsColumnWhenOpening() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      assertThatIllegalArgumentException()
          .isThrownBy(() -> provider.open(out, strings("Name", "Email"), FIXED.withOption("widths", "10,3")))
          .withMessage("invalid txt options: the label of column 'email' is wider than its width 3; widen the column,"
              + " shorten the label or set overflow=truncate");
      assertThat(out.size()).isZero();
    }

    @Test
    void widthsMustGiveOneWidthPerColumn() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> provider.open(new ByteArrayOutputStream(), strings("A", "B"), FIXED.withOption("widths", "5")))
          .withMessage("invalid txt options: option 'widths' gives 1 widths for 2 columns [a, b]; give one width per"
              + " column");
    }

    @Test
    void layoutFixedWithoutWidthsTakesEachColumnsOwnWidth() throws IOException {
      Schema schema = schema(new Column("name", "Name", FieldType.STRING, null, 6),
          new Column("score", "Score", FieldType.INTEGER, null, 5));

      String file = write(FIXED, schema, ParticipantRecord.of("Ann", 3L));

      assertThat(file).isEqualTo("Name  Score\r\nAnn       3\r\n");
    }

    @Test
    void theWidthsOptionWinsOverTheColumnsWidths() throws IOException {
      Schema schema = schema(new Column("name", "Name", FieldType.STRING, null, 6),
          new Column("score", "Score", FieldType.INTEGER, null, 5));

      String file = write(FIXED.withOption("widths", "4,6"), schema, ParticipantRecord.of("Ann", 3L));

      assertThat(file).isEqualTo("Name Score\r\nAnn      3\r\n");
    }

    @Test
    void theTabSeparatedLayoutIgnoresTheColumnsWidths() throws IOException {
      Schema schema = schema(new Column("name", "Name", FieldType.STRING, null, 6));

      String file = write(TXT, schema, ParticipantRecord.of("Ann"));

      assertThat(file).isEqualTo("Name\r\nAnn\r\n");
    }
  }

  @Nested
  class Validation {

    @Test
    void acceptsEveryOptionSetToAValidValueInAnyCase() {
      FormatSpec spec = FormatSpec.of("txt", Map.of("layout", "FIXED", "header", "False", "lineEnding", "LF",
          "nullText", "\\N", FormatSpec.NEUTRALISE_FORMULAS, "false", "widths", "1, 20,100000", "overflow",
          "Truncate"));

      assertThat(provider.validate(spec)).isEmpty();
    }

    static Stream<Arguments> invalidOptions() {
      String widths = "option 'widths' accepts the width of each column, comma-separated, each a whole number from 1"
          + " to 100000, such as 10,20,8; got ";
      return Stream.of(
          Arguments.of(TXT.withOption("layout", "csv"), "option 'layout' accepts tsv or fixed; got \"csv\""),
          Arguments.of(TXT.withOption("header", "yes"), "option 'header' accepts true or false; got \"yes\""),
          Arguments.of(TXT.withOption("lineEnding", "cr"), "option 'lineEnding' accepts crlf or lf; got \"cr\""),
          Arguments.of(TXT.withOption("nullText", "a\tb"), "option 'nullText' accepts text without a tab, CR or LF,"
              + " because it is written as it is; got \"a\tb\""),
          Arguments.of(TXT.withOption(FormatSpec.NEUTRALISE_FORMULAS, "no"), "option 'neutraliseFormulas' accepts"
              + " true or false; got \"no\""),
          Arguments.of(FIXED.withOption("widths", "10,0"), widths + "\"10,0\""),
          Arguments.of(FIXED.withOption("widths", "10,,5"), widths + "\"10,,5\""),
          Arguments.of(FIXED.withOption("widths", "ten"), widths + "\"ten\""),
          Arguments.of(FIXED.withOption("widths", "100001"), widths + "\"100001\""),
          Arguments.of(FIXED.withOption("widths", ""), widths + "\"\""),
          Arguments.of(FIXED.withOption("widths", "5").withOption("overflow", "wrap"), "option 'overflow' accepts fail"
              + " or truncate; got \"wrap\""),
          Arguments.of(TXT.withOption("widths", "5"), "option 'widths' applies to layout=fixed only; remove it or set"
              + " layout=fixed"),
          Arguments.of(TXT.withOption("overflow", "fail"), "option 'overflow' applies to layout=fixed only; remove it"
              + " or set layout=fixed"),
          Arguments.of(TXT.withOption("delimiter", ";"), "unknown option 'delimiter'; the txt format accepts layout,"
              + " header, lineEnding, nullText, neutraliseFormulas, widths, overflow"));
    }

    @ParameterizedTest
    @MethodSource("invalidOptions")
    void namesTheOptionAndWhatItAccepts(FormatSpec spec, String message) {
      List<String> problems = provider.validate(spec);

      assertThat(problems).containsExactly(message);
    }

    @Test
    void layoutFixedWithoutWidthsIsNoProblemWhileTheColumnsAreUnknown() {
      assertThat(provider.validate(FIXED)).isEmpty();
    }

    @Test
    void acceptsColumnsThatAllHaveAWidthOrAWidthsOptionOfOnePerColumn() {
      Schema schema = schema(new Column("name", "Name", FieldType.STRING, null, 4),
          new Column("score", "Score", FieldType.INTEGER, "#,##0", 5));

      assertThat(provider.validate(FIXED, schema)).isEmpty();
      assertThat(provider.validate(FIXED.withOption("widths", "4,5"), strings("Name", "Score"))).isEmpty();
    }

    @Test
    void reportsThatNoColumnHasAWidthWithoutTheWidthsOption() {
      List<String> problems = provider.validate(FIXED, strings("Name", "Email"));

      assertThat(problems).containsExactly("layout=fixed needs the option 'widths' or a width on every column, and no"
          + " column has one: set widths to one width per column [name, email], such as 10,20,8, or, in a custom"
          + " export, give each field a width (ExportField.withWidth)");
    }

    @Test
    void reportsTheColumnsWithoutAWidthByName() {
      Schema schema = schema(new Column("name", "Name", FieldType.STRING, null, 6),
          new Column("email", "Email", FieldType.STRING, null),
          new Column("city", "City", FieldType.STRING, null));

      List<String> problems = provider.validate(FIXED, schema);

      assertThat(problems).singleElement(STRING).startsWith("layout=fixed needs the option 'widths' or a width on every"
          + " column, and [email, city] have none: ");
    }

    @Test
    void reportsAWidthsOptionOfTheWrongLength() {
      List<String> problems = provider.validate(FIXED.withOption("widths", "5,5,5"), strings("A", "B"));

      assertThat(problems).containsExactly("option 'widths' gives 3 widths for 2 columns [a, b]; give one width per"
          + " column");
    }

    @Test
    void reportsAColumnWiderThanTheFormatAllows() {
      List<String> problems = provider.validate(FIXED, schema(new Column("name", "Name", FieldType.STRING, null,
          100_001)));

      assertThat(problems).containsExactly("column 'name' has the width 100001; the txt format takes widths from 1 to"
          + " 100000");
    }

    @Test
    void reportsALabelWiderThanItsColumnUnlessOverflowTruncatesOrThereIsNoHeader() {
      Schema schema = schema(new Column("email", "=Email", FieldType.STRING, null, 6));

      assertThat(provider.validate(FIXED, schema)).containsExactly("the label of column 'email' is wider than its"
          + " width 6; widen the column, shorten the label or set overflow=truncate");
      assertThat(provider.validate(FIXED.withOption(FormatSpec.NEUTRALISE_FORMULAS, "false"), schema)).isEmpty();
      assertThat(provider.validate(FIXED.withOption("overflow", "truncate"), schema)).isEmpty();
      assertThat(provider.validate(FIXED.withOption("header", "false"), schema)).isEmpty();
    }

    @Test
    void reportsTheOptionsProblemsBeforeTheColumnsPatterns() {
      Schema schema = new Schema(List.of(new Column("born", "Born", FieldType.DATE, "HH:mm")), ZoneOffset.UTC);

      List<String> problems = provider.validate(TXT.withOption("header", "yes"), schema);

      assertThat(problems).satisfiesExactly(
          p -> assertThat(p).isEqualTo("option 'header' accepts true or false; got \"yes\""),
          p -> assertThat(p).startsWith("column 'born' (DATE) has an invalid pattern \"HH:mm\""));
    }

    @Test
    void openRejectsWhatValidateReportsBeforeWritingAnything() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      assertThatIllegalArgumentException().isThrownBy(() -> provider.open(out, strings("A"), FIXED))
          .withMessageStartingWith("invalid txt options: layout=fixed needs the option 'widths'");
      assertThat(out.size()).isZero();
    }
  }
}
