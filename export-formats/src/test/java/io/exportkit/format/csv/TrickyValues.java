package io.exportkit.format.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/** Text values that CSV writers get wrong: quotes, delimiters, line breaks, formulas, emoji, nulls. */
final class TrickyValues {

  private static final List<String> FRAGMENTS = List.of("\"", "\"\"", ",", ";", "\t", "\r\n", "\n", "\r", "=", "+",
      "-", "@", "'", " ", "#", "a", "Zoë", "Ærøskøbing", "ß", "中文", "Ελληνικά", "😀", "𝄞", "👩‍👩‍👧", "=SUM(A1:A9)",
      "@cmd", "-2+3", "\u0000", "\u00a0");

  private TrickyValues() {}

  /** The hand-picked cases, then {@code generated} random combinations of fragments, with nulls. */
  static List<@Nullable String> values(int generated) {
    List<@Nullable String> values = new ArrayList<>(List.of("", " ", "plain", "\"quoted\"", "a,b", "a;b",
        "line\r\nbreak", "line\nfeed", "carriage\rreturn", "\ttab", "trailing ", " leading", "=1+1", "+33 6 12",
        "-12", "@SUM(A1)", "\r=cr", "'=already", "😀 emoji", "𝄞 clef", "naïve café", "#comment"));
    values.add(null);
    values.add(longValue());
    Random random = new Random(20260501);
    for (int i = 0; i < generated; i++) {
      if (random.nextInt(10) == 0) {
        values.add(null);
        continue;
      }
      StringBuilder value = new StringBuilder();
      int parts = 1 + random.nextInt(6);
      for (int p = 0; p < parts; p++) {
        value.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
      }
      values.add(value.toString());
    }
    return values;
  }

  /** About 100 KB of mixed text, with quotes, line breaks and supplementary characters. */
  static String longValue() {
    StringBuilder value = new StringBuilder("=");
    while (value.length() < 100_000) {
      value.append("Zoë \"😀\", line\r\n;𝄞");
    }
    return value.toString();
  }
}
