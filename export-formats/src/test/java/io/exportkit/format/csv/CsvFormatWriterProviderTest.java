package io.exportkit.format.csv;

import static io.exportkit.format.csv.CsvTesting.strings;
import static io.exportkit.format.csv.CsvTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.exportkit.FieldType;
import io.exportkit.FormatException;
import io.exportkit.FormatSpec;
import io.exportkit.ParticipantRecord;
import io.exportkit.spi.Column;
import io.exportkit.spi.FormatWriter;
import io.exportkit.spi.FormatWriterProvider;
import io.exportkit.spi.Schema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CsvFormatWriterProviderTest {

  private static final FormatSpec CSV = FormatSpec.of("csv");

  private final CsvFormatWriterProvider provider = new CsvFormatWriterProvider();

  @Test
  void isTheCsvFormatOfMediaTypeTextCsv() {
    assertThat(provider.id()).isEqualTo("csv");
    assertThat(provider.mediaType()).isEqualTo("text/csv");
  }

  @Test
  void serviceLoaderFindsIt() {
    List<FormatWriterProvider> found = ServiceLoader.load(FormatWriterProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.id().equals("csv"))
        .toList();

    assertThat(found).singleElement().isInstanceOf(CsvFormatWriterProvider.class);
  }

  @Nested
  class Defaults {

    @Test
    void writesRfc4180WithAHeaderAndCrlf() throws IOException {
      Schema schema = new Schema(List.of(
          new Column("name", "Name", FieldType.STRING, null),
          new Column("score", "Score", FieldType.INTEGER, null),
          new Column("ratio", "Ratio", FieldType.DECIMAL, null),
          new Column("active", "Active", FieldType.BOOLEAN, null),
          new Column("born", "Born", FieldType.DATE, null),
          new Column("seen", "Seen", FieldType.DATE_TIME, null)), ZoneId.of("Europe/Paris"));
      ParticipantRecord ann = ParticipantRecord.of("Ann", 3L, new BigDecimal("1.50"), true, LocalDate.of(2000, 2, 29),
          Instant.parse("2026-05-01T08:15:30Z"));

      String file = write(CSV, schema, ann);

      assertThat(file).isEqualTo("Name,Score,Ratio,Active,Born,Seen\r\n"
          + "Ann,3,1.50,true,2000-02-29,2026-05-01T10:15:30+02:00\r\n");
    }

    @Test
    void quotesOnlyTheValuesThatNeedIt() throws IOException {
      ParticipantRecord record = ParticipantRecord.of("a,b", "say \"hi\"", "two\r\nlines", "plain");

      String file = write(CSV, strings("A", "B", "C", "D"), record);

      assertThat(file).isEqualTo("A,B,C,D\r\n\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",plain\r\n");
    }

    @Test
    void writesNullsAsEmptyCells() throws IOException {
      String file = write(CSV, strings("A", "B", "C"), ParticipantRecord.of("Ann", null, null));

      assertThat(file).isEqualTo("A,B,C\r\nAnn,,\r\n");
    }

    @Test
    void writesTheHeaderOfAFileWithoutRecords() throws IOException {
      String file = write(CSV, strings("Name", "Email"));

      assertThat(file).isEqualTo("Name,Email\r\n");
    }

    @Test
    void encodesUtf8WithoutAByteOrderMark() throws IOException {
      byte[] file = CsvTesting.write(CSV.withOption("header", "false"), strings("Name"),
          List.of(ParticipantRecord.of("Zoë 😀"))).toByteArray();

      assertThat(file).isEqualTo("Zoë 😀\r\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Nested
  class Options {

    @Test
    void headerFalseLeavesTheHeaderOut() throws IOException {
      String file = write(CSV.withOption("header", "false"), strings("Name", "Email"),
          ParticipantRecord.of("Ann", "ann@example.org"));

      assertThat(file).isEqualTo("Ann,ann@example.org\r\n");
    }

    @Test
    void lineEndingLfEndsRowsWithLf() throws IOException {
      String file = write(CSV.withOption("lineEnding", "lf"), strings("Name", "Email"),
          ParticipantRecord.of("Ann", "ann@example.org"), ParticipantRecord.of("Bob", null));

      assertThat(file).isEqualTo("Name,Email\nAnn,ann@example.org\nBob,\n");
    }

    @Test
    void delimiterSemicolonSeparatesValuesAndQuotesOnlySemicolons() throws IOException {
      String file = write(CSV.withOption("delimiter", ";"), strings("Name", "Note"),
          ParticipantRecord.of("Doe, Ann", "a;b"));

      assertThat(file).isEqualTo("Name;Note\r\nDoe, Ann;\"a;b\"\r\n");
    }

    @Test
    void nullTextIsWrittenForNullsButNotForEmptyText() throws IOException {
      String file = write(CSV.withOption("nullText", "NULL"), strings("A", "B", "C"),
          ParticipantRecord.of("", null, ""));

      assertThat(file).isEqualTo("A,B,C\r\n\"\",NULL,\r\n");
    }

    @Test
    void neutraliseFormulasFalseWritesFormulasAsTheyAre() throws IOException {
      String file = write(CSV.withOption(FormatSpec.NEUTRALISE_FORMULAS, "false"), strings("=Label", "B"),
          ParticipantRecord.of("=1+1", "@SUM(A1)"));

      assertThat(file).isEqualTo("=Label,B\r\n=1+1,@SUM(A1)\r\n");
    }
  }

  @Nested
  class QuoteModes {

    private final Schema typed = new Schema(List.of(
        new Column("name", "Name", FieldType.STRING, null),
        new Column("score", "Score", FieldType.INTEGER, null),
        new Column("ratio", "Ratio", FieldType.DECIMAL, null),
        new Column("active", "Active", FieldType.BOOLEAN, null),
        new Column("note", "Note", FieldType.STRING, null)), ZoneOffset.UTC);

    private final ParticipantRecord ann = ParticipantRecord.of("Ann", 3L, new BigDecimal("-1.50"), true, null);

    @Test
    void allQuotesEveryValueAndTheNullText() throws IOException {
      String file = write(CSV.withOption("quoteMode", "all").withOption("nullText", "NULL"), typed, ann);

      assertThat(file).isEqualTo("\"Name\",\"Score\",\"Ratio\",\"Active\",\"Note\"\r\n"
          + "\"Ann\",\"3\",\"-1.50\",\"true\",\"NULL\"\r\n");
    }

    @Test
    void allNonNullQuotesEveryValueButNulls() throws IOException {
      String file = write(CSV.withOption("quoteMode", "all_non_null").withOption("header", "false"), typed, ann);

      assertThat(file).isEqualTo("\"Ann\",\"3\",\"-1.50\",\"true\",\r\n");
    }

    @Test
    void nonNumericQuotesEveryValueButNumbersAndNulls() throws IOException {
      String file = write(CSV.withOption("quoteMode", "non_numeric"), typed, ann);

      assertThat(file).isEqualTo("\"Name\",\"Score\",\"Ratio\",\"Active\",\"Note\"\r\n\"Ann\",3,-1.50,\"true\",\r\n");
    }

    @Test
    void nonNumericStillQuotesANumberHoldingTheDelimiter() throws IOException {
      Schema schema = new Schema(List.of(new Column("amount", "Amount", FieldType.DECIMAL, "#,##0.00"),
          new Column("score", "Score", FieldType.INTEGER, null)), ZoneOffset.UTC);

      String file = write(CSV.withOption("quoteMode", "non_numeric").withOption("header", "false"), schema,
          ParticipantRecord.of(new BigDecimal("1234.5"), 7L));

      assertThat(file).isEqualTo("\"1,234.50\",7\r\n");
    }

    @Test
    void nonNumericLeavesNumbersBareInOtherCharsetsToo() throws IOException {
      String file = write(CSV.withOption("quoteMode", "non_numeric").withOption("charset", "ISO-8859-1"), typed, ann);

      assertThat(file).isEqualTo("\"Name\",\"Score\",\"Ratio\",\"Active\",\"Note\"\r\n\"Ann\",3,-1.50,\"true\",\r\n");
    }
  }

  @Nested
  class Encoding {

    @Test
    void bomTrueStartsTheFileWithAUtf8ByteOrderMark() throws IOException {
      byte[] file = CsvTesting.write(CSV.withOption("bom", "true"), strings("Name"),
          List.of(ParticipantRecord.of("Zoë"))).toByteArray();

      assertThat(file).isEqualTo("\uFEFFName\r\nZoë\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bomTrueWorksWithADelimiterLeftToCsvPrinter() throws IOException {
      byte[] file = CsvTesting.write(CSV.withOption("bom", "true").withOption("delimiter", "§"), strings("A", "B"),
          List.of(ParticipantRecord.of("Zoë", "x"))).toByteArray();

      assertThat(file).isEqualTo("\uFEFFA§B\r\nZoë§x\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void charsetWritesTheFileInThatEncoding() throws IOException {
      byte[] file = CsvTesting.write(CSV.withOption("charset", "windows-1252").withOption("header", "false"),
          strings("Name", "Price"), List.of(ParticipantRecord.of("Zoë", "5 €"))).toByteArray();

      assertThat(file).isEqualTo(new byte[] {'Z', 'o', (byte) 0xEB, ',', '5', ' ', (byte) 0x80, '\r', '\n'});
    }

    @Test
    void unmappableFailIsTheDefaultAndNamesTheRow() throws IOException {
      FormatWriter writer = provider.open(new CloseRecordingOutputStream(), strings("Name"),
          CSV.withOption("charset", "ISO-8859-1"));
      writer.write(ParticipantRecord.of("Zoë"));

      assertThatThrownBy(() -> writer.write(ParticipantRecord.of("Ann 😀")))
          .isInstanceOf(FormatException.class)
          .hasMessage("row 2 holds a character that ISO-8859-1 cannot encode, or a broken UTF-16 surrogate; set option"
              + " 'unmappable' to 'replace' to write the charset's replacement (such as '?') in its place, or choose"
              + " a charset that encodes it, such as UTF-8");
    }

    @Test
    void unmappableReplaceWritesTheReplacementInstead() throws IOException {
      byte[] file = CsvTesting.write(CSV.withOption("charset", "ISO-8859-1").withOption("unmappable", "replace")
          .withOption("header", "false"), strings("Name"), List.of(ParticipantRecord.of("Zoë 😀 中"))).toByteArray();

      assertThat(file).isEqualTo("Zoë ? ?\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aBrokenSurrogateFailsInUtf8ByDefaultLeavingNoHalfRow() throws IOException {
      CloseRecordingOutputStream out = new CloseRecordingOutputStream();
      FormatWriter writer = provider.open(out, strings("Name", "Note"), CSV);

      assertThatThrownBy(() -> writer.write(ParticipantRecord.of("Ann", "broken \uD83D here")))
          .isInstanceOf(FormatException.class)
          .hasMessage("row 1, column 'note' holds a broken UTF-16 surrogate, which UTF-8 cannot encode; set option"
              + " 'unmappable' to 'replace' to write '?' in its place");
      writer.finish();

      assertThat(out.text()).isEqualTo("Name,Note\r\n");
    }

    @Test
    void aBrokenSurrogateBecomesAQuestionMarkWithReplace() throws IOException {
      String file = write(CSV.withOption("unmappable", "replace").withOption("header", "false"), strings("A", "B"),
          ParticipantRecord.of("\uDE00x", "y\uD83D"), ParticipantRecord.of("\uD83D\uDE00", "z"));

      assertThat(file).isEqualTo("?x,y?\r\n😀,z\r\n");
    }

    @Test
    void aBrokenSurrogateFailsWithADelimiterLeftToCsvPrinterToo() throws IOException {
      FormatWriter writer = provider.open(new CloseRecordingOutputStream(), strings("A", "B"),
          CSV.withOption("delimiter", "§"));

      assertThatThrownBy(() -> writer.write(ParticipantRecord.of("\uDE00x", "y")))
          .isInstanceOf(FormatException.class)
          .hasMessageStartingWith("row 1 holds a character that UTF-8 cannot encode, or a broken UTF-16 surrogate");
    }
  }

  @Nested
  class FormulaNeutralisation {

    static Stream<Arguments> formulas() {
      return Stream.of(
          Arguments.of("=1+1", "'=1+1"),
          Arguments.of("+33 6 12", "'+33 6 12"),
          Arguments.of("-2+3", "'-2+3"),
          Arguments.of("@SUM(A1)", "'@SUM(A1)"),
          Arguments.of("\tx", "'\tx"),
          Arguments.of("\rx", "\"'\rx\""),
          // Text that looks neutralised already gets one more quote, so that removing one gives it back.
          Arguments.of("'=1", "''=1"),
          Arguments.of("''+33 6", "'''+33 6"));
    }

    @ParameterizedTest
    @MethodSource("formulas")
    void prefixesTextThatStartsAFormula(String value, String written) throws IOException {
      String file = write(CSV.withOption("header", "false"), strings("A"), ParticipantRecord.of(value));

      assertThat(file).isEqualTo(written + "\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=1", "'a=1", "'", "1-2", "ann@example.org", ""})
    void leavesOtherTextAlone(String value) throws IOException {
      String file = write(CSV.withOption("header", "false"), strings("A", "B"), ParticipantRecord.of("x", value));

      assertThat(file).isEqualTo("x," + value + "\r\n");
    }

    @Test
    void leavesNegativeNumbersAlone() throws IOException {
      Schema schema = new Schema(List.of(
          new Column("score", "Score", FieldType.INTEGER, null),
          new Column("balance", "Balance", FieldType.DECIMAL, null)), ZoneOffset.UTC);

      String file = write(CSV, schema, ParticipantRecord.of(-12L, new BigDecimal("-3.50")));

      assertThat(file).isEqualTo("Score,Balance\r\n-12,-3.50\r\n");
    }

    @Test
    void prefixesHeaderLabelsToo() throws IOException {
      String file = write(CSV, strings("Name", "=Total"));

      assertThat(file).isEqualTo("Name,'=Total\r\n");
    }

    @Test
    void leavesTheNullTextAlone() throws IOException {
      String file = write(CSV.withOption("nullText", "-").withOption("header", "false"), strings("A", "B"),
          ParticipantRecord.of("x", null));

      assertThat(file).isEqualTo("x,-\r\n");
    }
  }

  @Nested
  class Validation {

    @Test
    void acceptsTheDefaults() {
      assertThat(provider.validate(CSV)).isEmpty();
    }

    @Test
    void acceptsEveryOptionSetToAValidValueInAnyCase() {
      FormatSpec spec = FormatSpec.of("csv", Map.of("delimiter", "\t", "header", "FALSE", "lineEnding", "LF",
          "nullText", "n/a", FormatSpec.NEUTRALISE_FORMULAS, "False", "quoteMode", "NON_NUMERIC", "charset", "utf8",
          "bom", "TRUE", "unmappable", "Replace"));

      assertThat(provider.validate(spec)).isEmpty();
    }

    static Stream<Arguments> invalidOptions() {
      String delimiter = "option 'delimiter' accepts a single character other than a double quote, CR or LF,"
          + " such as ';' or a tab; got ";
      return Stream.of(
          Arguments.of("delimiter", "||", delimiter + "\"||\""),
          Arguments.of("delimiter", "", delimiter + "\"\""),
          Arguments.of("delimiter", "\"", delimiter + "\"\"\""),
          Arguments.of("delimiter", "\n", delimiter + "\"\n\""),
          Arguments.of("header", "yes", "option 'header' accepts true or false; got \"yes\""),
          Arguments.of("lineEnding", "cr", "option 'lineEnding' accepts crlf or lf; got \"cr\""),
          Arguments.of("nullText", "a,b", "option 'nullText' accepts text without the delimiter, a double quote,"
              + " CR or LF, because it is written unquoted; got \"a,b\""),
          Arguments.of("nullText", "\"", "option 'nullText' accepts text without the delimiter, a double quote,"
              + " CR or LF, because it is written unquoted; got \"\"\""),
          Arguments.of(FormatSpec.NEUTRALISE_FORMULAS, "no", "option 'neutraliseFormulas' accepts true or false;"
              + " got \"no\""),
          Arguments.of("quoteMode", "none", "option 'quoteMode' accepts minimal, all, all_non_null or non_numeric;"
              + " got \"none\""),
          Arguments.of("charset", "klingon", "option 'charset' accepts the name of a charset this JVM can encode,"
              + " such as UTF-8, ISO-8859-1 or windows-1252; got \"klingon\""),
          Arguments.of("charset", "ISO-2022-CN", "option 'charset' accepts the name of a charset this JVM can encode,"
              + " such as UTF-8, ISO-8859-1 or windows-1252; got \"ISO-2022-CN\""),
          Arguments.of("bom", "1", "option 'bom' accepts true or false; got \"1\""),
          Arguments.of("unmappable", "drop", "option 'unmappable' accepts fail or replace; got \"drop\""),
          Arguments.of("separator", ";", "unknown option 'separator'; the csv format accepts delimiter, header,"
              + " lineEnding, nullText, neutraliseFormulas, quoteMode, charset, bom, unmappable"));
    }

    @ParameterizedTest
    @MethodSource("invalidOptions")
    void namesTheOptionAndWhatItAccepts(String option, String value, String message) {
      List<String> problems = provider.validate(CSV.withOption(option, value));

      assertThat(problems).containsExactly(message);
    }

    @Test
    void checksTheNullTextAgainstTheChosenDelimiter() {
      FormatSpec semicolons = CSV.withOption("delimiter", ";");

      assertThat(provider.validate(semicolons.withOption("nullText", "a,b"))).isEmpty();
      assertThat(provider.validate(semicolons.withOption("nullText", "a;b"))).singleElement(STRING)
          .startsWith("option 'nullText'");
    }

    @Test
    void refusesAByteOrderMarkOutsideUtf8() {
      List<String> problems = provider.validate(CSV.withOption("charset", "ISO-8859-1").withOption("bom", "true"));

      assertThat(problems).containsExactly("option 'bom' applies to UTF-8 only, and the charset is ISO-8859-1;"
          + " remove it or set the charset to UTF-8");
    }

    @Test
    void reportsEveryProblem() {
      FormatSpec spec = CSV.withOption("header", "yes").withOption("lineEnding", "cr").withOption("quote", "'");

      List<String> problems = provider.validate(spec);

      assertThat(problems).hasSize(3);
    }

    @Test
    void openRejectsWhatValidateReports() {
      FormatSpec spec = CSV.withOption("lineEnding", "cr");
      CloseRecordingOutputStream out = new CloseRecordingOutputStream();

      assertThatIllegalArgumentException().isThrownBy(() -> provider.open(out, strings("A"), spec))
          .withMessage("invalid csv options: option 'lineEnding' accepts crlf or lf; got \"cr\"");
      assertThat(out.size()).isZero();
    }

    @Test
    void validateWithTheColumnsReportsTheOptionsAndEachBadPatternNamingItsColumn() {
      Schema schema = new Schema(List.of(
          new Column("born", "Born", FieldType.DATE, "yyyy-MM-dd HH:mm"),
          new Column("email", "Email", FieldType.STRING, "0.00"),
          new Column("seen", "Seen", FieldType.DATE_TIME, "dd/MM/yyyy HH:mm")), ZoneOffset.UTC);

      List<String> problems = provider.validate(CSV.withOption("lineEnding", "cr"), schema);

      assertThat(problems).satisfiesExactly(
          p -> assertThat(p).isEqualTo("option 'lineEnding' accepts crlf or lf; got \"cr\""),
          p -> assertThat(p).startsWith("column 'born' (DATE) has an invalid pattern \"yyyy-MM-dd HH:mm\": "),
          p -> assertThat(p).isEqualTo("column 'email' (STRING) has the pattern \"0.00\", but only DATE, DATE_TIME,"
              + " INTEGER and DECIMAL columns take one"));
    }

    @Test
    void openRejectsAnInvalidPatternNamingTheColumn() {
      Schema schema = new Schema(List.of(new Column("born", "Born", FieldType.DATE, "yyyy-MM-dd HH:mm")),
          ZoneOffset.UTC);
      CloseRecordingOutputStream out = new CloseRecordingOutputStream();

      assertThatIllegalArgumentException().isThrownBy(() -> provider.open(out, schema, CSV))
          .withMessageStartingWith("column 'born' (DATE) has an invalid pattern \"yyyy-MM-dd HH:mm\"");
      assertThat(out.size()).isZero();
    }
  }

  @Nested
  class Writing {

    @Test
    void finishFlushesButDoesNotCloseTheStream() throws IOException {
      CloseRecordingOutputStream out = new CloseRecordingOutputStream();
      FormatWriter writer = provider.open(out, strings("Name"), CSV);
      writer.write(ParticipantRecord.of("Ann"));

      writer.finish();

      assertThat(out.closed()).isFalse();
      assertThat(out.flushes()).isPositive();
      assertThat(out.text()).isEqualTo("Name\r\nAnn\r\n");
    }

    @Test
    void writeAfterFinishIsRejected() throws IOException {
      FormatWriter writer = provider.open(new CloseRecordingOutputStream(), strings("Name"), CSV);
      writer.finish();

      assertThatIllegalStateException().isThrownBy(() -> writer.write(ParticipantRecord.of("Ann")));
    }

    @Test
    void recordOfAnotherWidthIsRejected() throws IOException {
      FormatWriter writer = provider.open(new CloseRecordingOutputStream(), strings("Name", "Email"), CSV);

      assertThatIllegalArgumentException().isThrownBy(() -> writer.write(ParticipantRecord.of("Ann")))
          .withMessage("the record has 1 values for 2 columns");
    }

    @Test
    void valueThatFailsLeavesNoHalfRowInTheFile() throws IOException {
      Schema schema = new Schema(List.of(
          new Column("name", "Name", FieldType.STRING, null),
          new Column("score", "Score", FieldType.INTEGER, null)), ZoneOffset.UTC);
      CloseRecordingOutputStream out = new CloseRecordingOutputStream();
      FormatWriter writer = provider.open(out, schema, CSV);

      assertThatThrownBy(() -> writer.write(ParticipantRecord.of("Ann", "three"))).isInstanceOf(FormatException.class);
      writer.finish();

      assertThat(out.text()).isEqualTo("Name,Score\r\n");
    }

    @Test
    void valueOfTheWrongTypeFailsNamingTheColumnButNotTheValue() throws IOException {
      FormatWriter writer = provider.open(new CloseRecordingOutputStream(), strings("Name"), CSV);

      assertThatThrownBy(() -> writer.write(ParticipantRecord.of(987654)))
          .isInstanceOf(FormatException.class)
          .hasMessage("column 'name' (STRING) cannot hold this java.lang.Integer: it takes a String");
    }
  }
}
