package io.exportkit.format.txt;

import io.exportkit.FormatSpec;
import io.exportkit.format.internal.Options;
import io.exportkit.spi.Column;
import io.exportkit.spi.Schema;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The TXT options of a {@link FormatSpec}, parsed. Immutable and thread-safe.
 *
 * @param layout tab-separated or fixed-width
 * @param header whether the first line holds the column labels
 * @param lineEnding what ends each line
 * @param nullText what a null value is written as
 * @param neutraliseFormulas whether text cells that a spreadsheet would run as a formula get a
 *     leading {@code '}
 * @param widths the width of each column, in characters, for the fixed layout: the option's, or the
 *     columns' own when the option is not set; empty for the tab-separated layout, and when read
 *     without the columns and the option is not set
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

  /**
   * Reads the options; {@link Options#parse} and {@link Options#problems} run it. With
   * {@code schema}, the fixed layout's widths are the option's, checked against its columns, or the
   * columns' own; without, the option alone is read, since the columns may still give the widths.
   */
  static TxtOptions read(Options options, @Nullable Schema schema) {
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
    if (layout == Layout.FIXED && schema != null) {
      widths = options.has(WIDTHS) ? checkCount(options, widths, schema) : columnWidths(options, schema);
      if (header && overflow == Overflow.FAIL && widths.size() == schema.size()) {
        checkLabels(options, widths, schema, neutraliseFormulas);
      }
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

  /** {@code widths}, the option's, when they give one width per column; a problem otherwise. */
  private static List<Integer> checkCount(Options options, List<Integer> widths, Schema schema) {
    if (!widths.isEmpty() && widths.size() != schema.size()) {
      options.problem("option '" + WIDTHS + "' gives " + widths.size() + " widths for " + schema.size() + " columns "
          + names(schema.columns()) + "; give one width per column");
    }
    return widths;
  }

  /** The width of each column, from its field; a problem naming the columns without one, or too wide. */
  private static List<Integer> columnWidths(Options options, Schema schema) {
    List<Column> without = schema.columns().stream().filter(c -> c.width() == null).toList();
    if (!without.isEmpty()) {
      options.problem("layout=fixed needs the option '" + WIDTHS + "' or a width on every column, and "
          + (without.size() == schema.size() ? "no column has one" : names(without) + " have none")
          + ": set " + WIDTHS + " to one width per column " + names(schema.columns()) + ", such as 10,20,8, or, in"
          + " a custom export, give each field a width (ExportField.withWidth)");
      return List.of();
    }
    List<Integer> widths = new ArrayList<>();
    for (Column column : schema.columns()) {
      int width = column.width();
      if (width > MAX_WIDTH) {
        options.problem("column '" + column.name() + "' has the width " + width + "; the txt format takes widths from"
            + " 1 to " + MAX_WIDTH);
      }
      widths.add(width);
    }
    return widths;
  }

  private static void checkLabels(Options options, List<Integer> widths, Schema schema, boolean neutraliseFormulas) {
    for (int i = 0; i < widths.size(); i++) {
      Column column = schema.columns().get(i);
      if (!TxtFormatWriter.fits(column.label(), neutraliseFormulas, widths.get(i))) {
        options.problem("the label of column '" + column.name() + "' is wider than its width " + widths.get(i)
            + "; widen the column, shorten the label or set " + OVERFLOW + "=truncate");
      }
    }
  }

  private static List<String> names(List<Column> columns) {
    return columns.stream().map(Column::name).toList();
  }
}
