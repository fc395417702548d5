package io.exportkit.format.txt;

import io.exportkit.FormatSpec;
import io.exportkit.format.internal.Options;
import java.util.ArrayList;
import java.util.List;

/**
 * The TXT options of a {@link FormatSpec}, parsed. Immutable and thread-safe.
 *
 * @param layout tab-separated or fixed-width
 * @param header whether the first line holds the column labels
 * @param lineEnding what ends each line
 * @param nullText what a null value is written as
 * @param neutraliseFormulas whether text cells that a spreadsheet would run as a formula get a
 *     leading {@code '}
 * @param widths the width of each column, in characters, for the fixed layout; empty otherwise
 * @param overflow what becomes of a value wider than its column, in the fixed layout
 */
record TxtOptions(Layout layout, boolean header, LineEnding lineEnding, String nullText, boolean neutraliseFormulas,
    List<Integer> widths, Overflow overflow) {

  static final String LAYOUT = "layout";
  static final String HEADER = "header";
  static final String LINE_ENDING = "lineEnding";
  static final String NULL_TEXT = "nullText";
  static final String WIDTHS = "widths";
  static final String OVERFLOW = "overflow";
  static final int MAX_WIDTH = 100_000;

  TxtOptions {
    widths = List.copyOf(widths);
  }

  /** How the values of a line are laid out. */
  enum Layout {
    /** Separated by a tab. */
    TSV,
    /** Each padded with spaces to its column's width, with nothing between them. */
    FIXED
  }

  /** What ends each line. */
  enum LineEnding {
    CRLF("\r\n"),
    LF("\n");

    private final String separator;

    LineEnding(String separator) {
      this.separator = separator;
    }

    String separator() {
      return separator;
    }
  }

  /** What becomes of a value wider than its column in the fixed layout. */
  enum Overflow {
    /** The record fails with a {@link io.exportkit.FormatException}, and so does the export. */
    FAIL,
    /** Only the characters that fit are written. */
    TRUNCATE
  }

  /** Reads the options; {@link Options#parse} and {@link Options#problems} run it. */
  static TxtOptions read(Options options) {
    Layout layout = options.choice(LAYOUT, Layout.TSV);
    boolean header = options.bool(HEADER, true);
    LineEnding lineEnding = options.choice(LINE_ENDING, LineEnding.CRLF);
    String nullText = options.text(NULL_TEXT, "");
    if (nullText.indexOf('\t') >= 0 || nullText.indexOf('\r') >= 0 || nullText.indexOf('\n') >= 0) {
      options.problem(NULL_TEXT, "text without a tab, CR or LF, because it is written as it is", nullText);
      nullText = "";
    }
    boolean neutraliseFormulas = options.bool(FormatSpec.NEUTRALISE_FORMULAS, true);
    List<Integer> widths = widths(options);
    Overflow overflow = options.choice(OVERFLOW, Overflow.FAIL);
    if (layout == Layout.FIXED && !options.has(WIDTHS)) {
      options.problem("layout=fixed needs the option '" + WIDTHS + "': the width of each column, comma-separated,"
          + " such as 10,20,8");
    }
    if (layout == Layout.TSV) {
      for (String fixedOnly : List.of(WIDTHS, OVERFLOW)) {
        if (options.has(fixedOnly)) {
          options.problem("option '" + fixedOnly + "' applies to layout=fixed only; remove it or set layout=fixed");
        }
      }
    }
    return new TxtOptions(layout, header, lineEnding, nullText, neutraliseFormulas, widths, overflow);
  }

  private static List<Integer> widths(Options options) {
    String text = options.optional(WIDTHS);
    List<Integer> widths = new ArrayList<>();
    if (text == null) {
      return widths;
    }
    for (String part : text.split(",", -1)) {
      String width = part.strip();
      if (!width.matches("[0-9]{1,6}") || Integer.parseInt(width) < 1 || Integer.parseInt(width) > MAX_WIDTH) {
        options.problem(WIDTHS, "the width of each column, comma-separated, each a whole number from 1 to "
            + MAX_WIDTH + ", such as 10,20,8", text);
        return List.of();
      }
      widths.add(Integer.parseInt(width));
    }
    return widths;
  }
}
