package io.exportkit.format.txt;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.FormatSpec;
import io.exportkit.ParticipantRecord;
import io.exportkit.format.FormatTesting;
import io.exportkit.format.RoundTripData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writes generated rows, reads them back with {@link TxtReader} and expects the values written,
 * modulo the documented transformations: formula-like text gets a leading {@code '} (in the
 * tab-separated layout, the reader rule of formula neutralisation removes it again), a lone
 * surrogate becomes U+FFFD, a null becomes the null text (so, with the default empty one, an
 * empty text and a null read the same), and in the fixed layout values are cut to their width
 * (never within an escape) and lose the spaces that padding hides.
 */
class TxtRoundTripTest {

  private static final List<String> LABELS = RoundTripData.SCHEMA.labels();
  /** The columns of {@link RoundTripData#SCHEMA} that hold text, whose cells the reader rule applies to. */
  private static final List<Integer> TEXT_COLUMNS = List.of(1, 2);

  /** The options, and what the test expects them to mean. */
  record Case(FormatSpec spec, String lineEnding, boolean header, String nullText, boolean neutralise) {
    @Override
    public String toString() {
      return spec.options().toString();
    }
  }

  static Stream<Case> tabSeparated() {
    FormatSpec txt = FormatSpec.of("txt");
    return Stream.of(
        new Case(txt, "\r\n", true, "", true),
        new Case(txt.withOption("lineEnding", "lf").withOption("nullText", "\\N").withOption("header", "false"), "\n",
            false, "\\N", true),
        new Case(txt.withOption(FormatSpec.NEUTRALISE_FORMULAS, "false"), "\r\n", true, "", false));
  }

  @ParameterizedTest
  @MethodSource("tabSeparated")
  void tabSeparatedValuesSurviveWritingAndReading(Case c) throws IOException {
    List<ParticipantRecord> records = RoundTripData.records(RoundTripData.texts(2_000));
    List<List<@Nullable String>> expected = new ArrayList<>();
    if (c.header()) {
      expected.add(LABELS);
    }
    for (ParticipantRecord record : records) {
      expected.add(expected(record, c, false));
    }

    String file = new String(FormatTesting.write(new TxtFormatWriterProvider(), c.spec(), RoundTripData.SCHEMA,
        records), StandardCharsets.UTF_8);

    List<List<@Nullable String>> read = new ArrayList<>();
    for (String line : TxtReader.lines(file, c.lineEnding())) {
      boolean labels = c.header() && read.isEmpty();
      List<String> values = TxtReader.tabSeparated(line);
      List<@Nullable String> row = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        String value = values.get(i);
        boolean text = labels || TEXT_COLUMNS.contains(i);
        row.add(value.equals(c.nullText()) ? null
            : c.neutralise() && text ? FormatTesting.unneutralised(TxtReader.unescape(value))
            : TxtReader.unescape(value));
      }
      read.add(row);
    }
    assertThat(read).containsExactlyElementsOf(expected);
  }

  @Test
  void fixedWidthValuesSurviveCutToTheirWidthsAndWithoutPadding() throws IOException {
    List<Integer> widths = List.of(6, 30, 12, 10, 7, 10, 25);
    FormatSpec spec = FormatSpec.of("txt").withOption("layout", "fixed").withOption("widths", "6,30,12,10,7,10,25")
        .withOption("overflow", "truncate").withOption("nullText", "-");
    Case c = new Case(spec, "\r\n", true, "-", true);
    List<ParticipantRecord> records = RoundTripData.records(RoundTripData.texts(2_000));
    List<List<@Nullable String>> expected = new ArrayList<>();
    expected.add(List.of("Id", "Name", "Comment", "'-Balance", "Winner?", "Born on", "Played at"));
    for (ParticipantRecord record : records) {
      List<@Nullable String> values = expected(record, c, true);
      List<@Nullable String> fitted = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        String value = values.get(i);
        fitted.add(value == null ? null : cut(value, widths.get(i), i == 0 || i == 3));
      }
      expected.add(fitted);
    }

    String file = new String(FormatTesting.write(new TxtFormatWriterProvider(), spec, RoundTripData.SCHEMA, records),
        StandardCharsets.UTF_8);

    List<List<@Nullable String>> read = new ArrayList<>();
    for (String line : TxtReader.lines(file, "\r\n")) {
      List<String> values = TxtReader.fixedWidth(line, widths);
      List<@Nullable String> row = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        String value = TxtReader.unpad(values.get(i), i == 0 || i == 3);
        row.add(value.equals("-") ? null : TxtReader.unescape(value));
      }
      read.add(row);
    }
    assertThat(read).containsExactlyElementsOf(expected);
  }

  /**
   * The documented transformations of each value of {@code record}, with the leading {@code '} of
   * formula neutralisation when {@code neutralised}; a null stays null.
   */
  private static List<@Nullable String> expected(ParticipantRecord record, Case c, boolean neutralised) {
    List<@Nullable String> values = new ArrayList<>();
    for (int i = 0; i < record.size(); i++) {
      String text = RoundTripData.text(record.get(i));
      if (text != null && record.get(i) instanceof String) {
        text = withoutLoneSurrogates(neutralised ? neutralised(text) : text);
      }
      // A value reads as null when it is written as the null text: the null texts here have no
      // backslash, so only when it is the null text, as the empty text is the default one.
      values.add(text == null || text.equals(c.nullText()) ? null : text);
    }
    return values;
  }

  /** {@code text} as neutralisation writes it: with a leading {@code '} when it starts with {@code '}s and a formula sign. */
  private static String neutralised(String text) {
    String withoutQuotes = text.replaceFirst("^'+", "");
    boolean formulaLike = !withoutQuotes.isEmpty() && "=+-@\t\r".indexOf(withoutQuotes.charAt(0)) >= 0;
    return formulaLike ? "'" + text : text;
  }

  private static String withoutLoneSurrogates(String text) {
    StringBuilder replaced = new StringBuilder();
    text.codePoints().forEach(c -> replaced.appendCodePoint(Character.isSurrogate((char) c) && c < 0x10000 ? 0xFFFD : c));
    return replaced.toString();
  }

  /**
   * What reads back of {@code text} in a column of {@code width}: the code points whose escaped
   * form fits, then without the spaces the padding hides.
   */
  private static String cut(String text, int width, boolean rightAligned) {
    StringBuilder kept = new StringBuilder();
    int used = 0;
    for (int c : text.codePoints().toArray()) {
      int w = c == '\\' || c == '\t' || c == '\n' || c == '\r' ? 2 : 1;
      if (used + w > width) {
        break;
      }
      used += w;
      kept.appendCodePoint(c);
    }
    return TxtReader.unpad(kept.toString(), rightAligned);
  }
}
