package io.exportkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.exportkit.ExportDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNameTemplateTest {

  private static final Instant AT = Instant.parse("2026-03-01T23:30:15Z");
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final Pattern WINDOWS_DEVICE = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])");

  // ---------------------------------------------------------------- hostile templates

  static Stream<Arguments> hostileTemplates() {
    return Stream.of(
        rejected("parent traversal", "../../x", "must not contain '/'"),
        rejected("slash", "a/b", "must not contain '/'"),
        rejected("drive letter", "C:\\x", "must not contain ':'"),
        rejected("backslash", "a\\b", "must not contain '\\'"),
        rejected("asterisk", "a*b", "must not contain '*'"),
        rejected("question mark", "a?b", "must not contain '?'"),
        rejected("angle bracket", "a<b", "must not contain '<'"),
        rejected("pipe", "a|b", "must not contain '|'"),
        rejected("double quote", "a\"b", "must not contain '\"'"),
        rejected("NUL", "a\u0000b", "control character U+0000"),
        rejected("bell", "a\u0007b", "control character U+0007"),
        rejected("line feed", "{export}\n.{ext}", "control character U+000A"),
        rejected("DEL", "a\u007Fb", "control character U+007F"),
        rejected("C1 control", "a\u0085b", "control character U+0085"),
        rejected("right-to-left override", "invoice\u202Efdp.{ext}", "control character U+202E"),
        rejected("left-to-right isolate", "a\u2066b", "control character U+2066"),
        rejected("byte order mark", "\uFEFF{export}", "control character U+FEFF"),
        rejected("NUL inside a datetime pattern", "{datetime:yyyy\u0000MM}", "control character U+0000"),
        rejected("RLO inside a datetime pattern", "{datetime:yyyy\u202EMM}", "control character U+202E"),
        rejected("double dot", "{export}..{ext}", "must not contain '..'"),
        rejected("leading dot", ".{export}", "must not start with '.'"),
        rejected("leading dot literal", ".hidden_{date}", "must not start with '.'"),
        rejected("unknown token", "{exprot}_{date}", "unknown token {exprot}; known: [{export}, {operation}"),
        rejected("empty token", "report_{}", "unknown token {}"),
        rejected("token in the wrong case", "{Export}", "unknown token {Export}"),
        rejected("unclosed brace", "{export_{date}", "unknown token {export_{date}"),
        rejected("unclosed brace at the end", "{export}_{date", "'{' without its '}' at position 9"),
        rejected("stray closing brace", "export}", "'}' without its '{' at position 6"),
        rejected("doubled closing brace", "{export}}", "'}' without its '{' at position 8"),
        rejected("unknown pattern letter", "{datetime:yyyy-bb}", "{datetime:yyyy-bb} has an invalid date-time pattern"),
        rejected("unterminated quote", "{datetime:'oops}", "{datetime:'oops} has an invalid date-time pattern"),
        rejected("pattern on a plain token", "{date:yyyy}", "naming token {date} takes no pattern"),
        rejected("over-long template", "x".repeat(256), "longer than 255 characters"),
        rejected("empty template", "", "naming template is empty"),
        rejected("blank template", "   ", "naming template is empty"));
  }

  private static Arguments rejected(String description, String template, String message) {
    return Arguments.of(Named.of(description, template), message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileTemplates")
  void hostileTemplateIsRejectedSayingWhatIsWrong(String template, String expectedMessage) {
    Throwable thrown = catchThrowable(() -> FileNameTemplate.parse(template));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(expectedMessage);
  }

  @Test
  void templateOfMaximumLengthIsAccepted() {
    String template = "x".repeat(249) + ".{ext}";

    FileNameTemplate parsed = FileNameTemplate.parse(template);

    assertThat(parsed.render(values("weekly"))).startsWith("xxx").endsWith(".csv");
  }

  @Test
  void parseRejectsNullNamingTheParameter() {
    Throwable thrown = catchThrowable(() -> FileNameTemplate.parse(null));

    assertThat(thrown).isInstanceOf(NullPointerException.class).hasMessage("template");
  }

  // ---------------------------------------------------------------- hostile token values

  static List<String> hostileValues() {
    return List.of(
        "../../x", "..\\..\\x", "a/b", "/etc/passwd", "C:\\x", "C:", "\\\\server\\share",
        "\u0000", "a\u0000b", "line\nbreak", "tab\tx", "\r\n", "\u007F", "\u0085",
        "invoice\u202Efdp.exe", "\u2066hidden\u2069", "\uFEFFbom",
        "x".repeat(1000), "é".repeat(1000), "😀".repeat(1000), "a" + "😀".repeat(1000), "東".repeat(1000),
        ".", "..", "...", "....", ". .", "a.".repeat(500), "report.", ".hidden",
        "CON", "con", "nul.txt", "PRN", "aux", "COM1", "lpt9", "NUL.csv",
        "😀 party", "Équipe été", "東京クイズ", "Привет",
        " ", "   leading and trailing   ", "*?\"<>|",
        "\uD83D", "x\uDE00y", "\uD83D\uD83D");
  }

  static List<String> templates() {
    return List.of(ExportDefinition.DEFAULT_NAMING, "{export}.{ext}", "{export}", "{operation}_{export}.{ext}",
        "{export}{operation}", "report_{operation}");
  }

  static Stream<Arguments> hostileValuesInEveryTemplate() {
    return templates().stream().flatMap(template -> hostileValues().stream()
        .map(value -> Arguments.of(template, Named.of(printable(value), value))));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("hostileValuesInEveryTemplate")
  void renderedNameIsAPlainSafeFileNameWhateverTheValues(String template, String hostile) {
    FileNameTemplate parsed = FileNameTemplate.parse(template);
    FileNameTemplate.Values values = new FileNameTemplate.Values(hostile, hostile, AT, PARIS, "run-1", 3, "csv");

    String name = parsed.render(values);

    assertIsPlainSafeFileName(name);
    assertThat(name).endsWith(".csv");
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "é", "😀", "東", "a😀", "ab.", "a."})
  void overLongNameIsCutToMaxBytesKeepingTheExtension(String unit) {
    FileNameTemplate parsed = FileNameTemplate.parse("{export}.{ext}");

    String name = parsed.render(values(unit.repeat(1000), "csv.gz"));

    assertIsPlainSafeFileName(name);
    assertThat(name).endsWith(".csv.gz").startsWith(unit.substring(0, 1));
    assertThat(utf8Length(name)).isGreaterThan(FileNameTemplate.MAX_BYTES - 4);
  }

  @Test
  void overLongAsciiNameIsExactlyMaxBytes() {
    FileNameTemplate parsed = FileNameTemplate.parse("{export}");

    String name = parsed.render(values("x".repeat(1000)));

    assertThat(name).isEqualTo("x".repeat(FileNameTemplate.MAX_BYTES - 4) + ".csv");
  }

  @ParameterizedTest
  @ValueSource(strings = {"weekly-winners", "Q1 report", "Équipe été", "東京クイズ", "😀 party", "Привет мир", "a.b"})
  void validNameKeepsItsText(String exportName) {
    FileNameTemplate parsed = FileNameTemplate.parse("{export}.{ext}");

    String name = parsed.render(values(exportName));

    assertThat(name).isEqualTo(exportName + ".csv");
  }

  static Stream<Arguments> sanitisedValues() {
    return Stream.of(
        Arguments.of("../../x", "____x.csv"),
        Arguments.of("a/b", "a_b.csv"),
        Arguments.of("C:\\x", "C__x.csv"),
        Arguments.of("a\u0000b", "a_b.csv"),
        Arguments.of("invoice\u202Efdp.exe", "invoice_fdp.exe.csv"),
        Arguments.of("...", "_.csv"),
        Arguments.of("CON", "_CON.csv"),
        Arguments.of("nul.txt", "_nul.txt.csv"));
  }

  @ParameterizedTest
  @MethodSource("sanitisedValues")
  void unsafeCharactersOfAValueAreReplaced(String exportName, String expected) {
    FileNameTemplate parsed = FileNameTemplate.parse("{export}.{ext}");

    String name = parsed.render(values(exportName));

    assertThat(name).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"report.", "Q1 results...", "a."})
  void valueEndingInADotMakesNoDoubleDotBeforeTheExtension(String exportName) {
    FileNameTemplate parsed = FileNameTemplate.parse("{export}.{ext}");

    String name = parsed.render(values(exportName));

    assertThat(name).doesNotContain("..").endsWith(".csv");
  }

  @Test
  void dotsOfTwoAdjacentTokensMakeNoDoubleDot() {
    FileNameTemplate parsed = FileNameTemplate.parse("{operation}{export}.{ext}");
    FileNameTemplate.Values values = new FileNameTemplate.Values(".b", "a.", AT, PARIS, "run-1", 3, "csv");

    String name = parsed.render(values);

    assertThat(name).doesNotContain("..").endsWith(".csv");
  }

  @Test
  void cutOfAnOverLongNameLeavesNoDotBeforeTheExtension() {
    FileNameTemplate parsed = FileNameTemplate.parse("{export}");

    String name = parsed.render(values("a.".repeat(500)));

    assertThat(name).doesNotContain("..").endsWith(".csv");
    assertThat(utf8Length(name)).isLessThanOrEqualTo(FileNameTemplate.MAX_BYTES);
  }

  @ParameterizedTest
  @ValueSource(strings = {".", " ", ". ."})
  void valueThatIsOnlyDotsOrBlanksKeepsTheExtension(String exportName) {
    FileNameTemplate parsed = FileNameTemplate.parse("{export}.{ext}");

    String name = parsed.render(values(exportName));

    assertThat(name).endsWith(".csv").doesNotStartWith(".").doesNotContain("..");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\uD83D", "x\uDE00y", "\uDE00\uD83D"})
  void loneSurrogateOfAValueIsReplaced(String escaped) {
    String exportName = unescape(escaped);
    FileNameTemplate parsed = FileNameTemplate.parse("{export}.{ext}");

    String name = parsed.render(values(exportName));

    assertThat(hasLoneSurrogate(name)).as("lone surrogate in %s", printable(name)).isFalse();
    assertThat(name).endsWith(".csv");
  }

  // ---------------------------------------------------------------- tokens

  @Test
  void dateAndTimeTokensRenderInTheZone() {
    FileNameTemplate parsed = FileNameTemplate.parse("{date}_{time}_{datetime:yyyy-MM-dd'T'HH.mm}");

    String name = parsed.render(values("weekly"));

    assertThat(name).isEqualTo("20260302_003015_2026-03-02T00.30.csv");
  }

  @Test
  void dateTokenFollowsTheZoneNotUtc() {
    FileNameTemplate parsed = FileNameTemplate.parse("{date}");
    FileNameTemplate.Values utc = new FileNameTemplate.Values("e", "op", AT, ZoneOffset.UTC, "r", 1, "csv");

    String name = parsed.render(utc);

    assertThat(name).isEqualTo("20260301.csv");
  }

  @Test
  void datetimeWithoutPatternUsesTheDefaultPattern() {
    FileNameTemplate parsed = FileNameTemplate.parse("{datetime}");

    String name = parsed.render(values("weekly"));

    assertThat(name).isEqualTo("20260302-003015.csv");
  }

  @Test
  void separatorsProducedByADatetimePatternAreSanitised() {
    FileNameTemplate parsed = FileNameTemplate.parse("{datetime:yyyy/MM/dd HH:mm}_{datetime:VV}");

    String name = parsed.render(values("weekly"));

    assertThat(name).isEqualTo("2026_03_02 00_30_Europe_Paris.csv");
  }

  @Test
  void runSeqOperationAndExtTokensRender() {
    FileNameTemplate parsed = FileNameTemplate.parse("{export}-{operation}-{run}-{seq}.{ext}");
    FileNameTemplate.Values values = new FileNameTemplate.Values("weekly", "summer-quiz", AT, PARIS, "r-42", 7, "csv.gz");

    String name = parsed.render(values);

    assertThat(name).isEqualTo("weekly-summer-quiz-r-42-7.csv.gz");
  }

  @Test
  void defaultTemplateRendersNameDateTimeAndExtension() {
    FileNameTemplate parsed = FileNameTemplate.parse(ExportDefinition.DEFAULT_NAMING);

    String name = parsed.render(values("weekly"));

    assertThat(name).isEqualTo("weekly_20260302-003015.csv");
  }

  @Test
  void extensionIsAppendedWhenTemplateHasNoExtToken() {
    FileNameTemplate parsed = FileNameTemplate.parse("{export}_{seq}");

    String name = parsed.render(values("weekly", "csv.gpg"));

    assertThat(name).isEqualTo("weekly_3.csv.gpg");
  }

  @Test
  void extensionIsNotAppendedWhenTemplatePlacesExtToken() {
    FileNameTemplate parsed = FileNameTemplate.parse("{ext}_{export}");

    String name = parsed.render(values("weekly"));

    assertThat(name).isEqualTo("csv_weekly");
  }

  @Test
  void literalTextIsKept() {
    FileNameTemplate parsed = FileNameTemplate.parse("Export {export} (é) #{seq}.{ext}");

    String name = parsed.render(values("weekly"));

    assertThat(name).isEqualTo("Export weekly (é) #3.csv");
  }

  // ---------------------------------------------------------------- collisions

  @Test
  void sameValuesRenderTheSameName() {
    FileNameTemplate parsed = FileNameTemplate.parse("{export}_{date}.{ext}");

    String first = parsed.render(values("weekly"));
    String second = parsed.render(values("weekly"));

    assertThat(second).isEqualTo(first);
  }

  @Test
  void runTokenSeparatesRunsStartedInTheSameSecond() {
    FileNameTemplate parsed = FileNameTemplate.parse("{export}_{datetime}_{run}.{ext}");

    String first = parsed.render(new FileNameTemplate.Values("weekly", "op", AT, PARIS, "run-1", 1, "csv"));
    String second = parsed.render(new FileNameTemplate.Values("weekly", "op", AT, PARIS, "run-2", 2, "csv"));

    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void valuesRejectNullNamingTheComponent() {
    Throwable thrown = catchThrowable(() -> new FileNameTemplate.Values("e", null, AT, PARIS, "r", 1, "csv"));

    assertThat(thrown).isInstanceOf(NullPointerException.class).hasMessage("operation");
  }

  // ---------------------------------------------------------------- helpers

  private static FileNameTemplate.Values values(String export) {
    return values(export, "csv");
  }

  private static FileNameTemplate.Values values(String export, String ext) {
    return new FileNameTemplate.Values(export, "summer-quiz", AT, PARIS, "run-1", 3, ext);
  }

  private static void assertIsPlainSafeFileName(String name) {
    assertThat(name).isNotEmpty()
        .doesNotContain("/", "\\", ":", "..")
        .doesNotStartWith(".");
    assertThat(name.chars()).noneMatch(FileNameTemplateTest::isControlOrBidi);
    assertThat(utf8Length(name)).isLessThanOrEqualTo(FileNameTemplate.MAX_BYTES);
    assertThat(hasLoneSurrogate(name)).as("lone surrogate in %s", printable(name)).isFalse();
    String base = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    assertThat(WINDOWS_DEVICE.matcher(base.strip()).matches()).as("Windows device name %s", name).isFalse();
  }

  private static boolean isControlOrBidi(int c) {
    return Character.isISOControl(c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
        || c == 0x2028 || c == 0x2029 || c == 0xFEFF;
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return true;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static String unescape(String escaped) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < escaped.length(); i++) {
      if (escaped.startsWith("\\u", i)) {
        out.append((char) Integer.parseInt(escaped.substring(i + 2, i + 6), 16));
        i += 5;
      } else {
        out.append(escaped.charAt(i));
      }
    }
    return out.toString();
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** A readable test name: escapes invisible characters and shortens long values. */
  private static String printable(String value) {
    StringBuilder out = new StringBuilder();
    value.chars().limit(24).forEach(c -> {
      if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || (c >= 0x2000 && c <= 0x206F) || c == 0xFEFF
          || Character.isSurrogate((char) c)) {
        out.append(String.format(Locale.ROOT, "\\u%04X", c));
      } else {
        out.append((char) c);
      }
    });
    return value.length() > 24 ? out + "…(" + value.length() + " chars)" : "\"" + out + "\"";
  }
}
