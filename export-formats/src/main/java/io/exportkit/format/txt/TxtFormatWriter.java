package io.exportkit.format.txt;

import io.exportkit.FieldType;
import io.exportkit.FormatException;
import io.exportkit.ParticipantRecord;
import io.exportkit.format.internal.Cells;
import io.exportkit.format.internal.Formulas;
import io.exportkit.format.txt.TxtOptions.Layout;
import io.exportkit.format.txt.TxtOptions.Overflow;
import io.exportkit.spi.Column;
import io.exportkit.spi.FormatWriter;
import io.exportkit.spi.Schema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes one tab-separated or fixed-width text file. Not thread-safe. */
final class TxtFormatWriter implements FormatWriter {

  /** No escape: the character is written as it is. */
  private static final char NONE = 0;

  private final Writer writer;
  private final TxtOptions options;
  private final List<Column> columns;
  private final Cells cells;
  /** Per column: whether the fixed layout pads it on the left, as numbers are. */
  private final boolean[] rightAligned;
  /** The line being built, written once whole so that a value that fails leaves no half line. */
  private final StringBuilder line = new StringBuilder(256);
  /** One value being fitted to its width, in the fixed layout. */
  private final StringBuilder cell = new StringBuilder(64);
  private char[] chars = new char[256];

  private TxtFormatWriter(Writer writer, TxtOptions options, Schema schema, Cells cells) {
    this.writer = writer;
    this.options = options;
    this.columns = schema.columns();
    this.cells = cells;
    this.rightAligned = new boolean[columns.size()];
    for (int i = 0; i < rightAligned.length; i++) {
      FieldType type = columns.get(i).type();
      rightAligned[i] = type == FieldType.INTEGER || type == FieldType.DECIMAL;
    }
  }

  /**
   * Opens a writer and writes the header line, if asked for.
   *
   * @param options read with {@code schema}, so that the fixed layout has one width per column
   *     and each label fits its column or is cut
   */
  static TxtFormatWriter open(OutputStream out, Schema schema, TxtOptions options) throws IOException {
    Cells cells = Cells.of(schema, options.neutraliseFormulas());
    TxtFormatWriter writer = new TxtFormatWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), options, schema,
        cells);
    if (options.header()) {
      writer.writeHeader(schema.labels());
    }
    return writer;
  }

  private void writeHeader(List<String> labels) throws IOException {
    line.setLength(0);
    for (int i = 0; i < labels.size(); i++) {
      // TxtOptions.read refused a label wider than its column, unless overflow=truncate cuts it.
      append(i, headerText(labels.get(i), options.neutraliseFormulas()), false);
    }
    writeLine();
  }

  /**
   * Whether {@code label} fits in {@code width} code points as the header line writes it: neutralised
   * if asked, then escaped.
   */
  static boolean fits(String label, boolean neutraliseFormulas, int width) {
    String text = headerText(label, neutraliseFormulas);
    return escape(text, false, new StringBuilder(), width) == text.length();
  }

  private static String headerText(String label, boolean neutraliseFormulas) {
    return neutraliseFormulas ? Formulas.neutralise(label) : label;
  }

  @Override
  public void write(ParticipantRecord record) throws IOException {
    String[] values = cells.format(record);
    line.setLength(0);
    for (int i = 0; i < values.length; i++) {
      String value = values[i];
      boolean fits = value == null ? append(i, options.nullText(), true) : append(i, value, false);
      if (!fits) {
        throw new FormatException("row " + cells.records() + ", column '" + columns.get(i).name() + "' is wider than its width "
            + options.widths().get(i) + "; widen the column or set " + TxtOptions.OVERFLOW + "=truncate", null);
      }
    }
    writeLine();
  }

  @Override
  public void finish() throws IOException {
    cells.finish();
    writer.flush();
  }

  /**
   * Appends the {@code i}-th value of the line: escaped unless {@code raw} (the null text is written
   * as it is), then, in the fixed layout, padded to its width. Returns false when it is wider than
   * its column and overflow is {@code fail}.
   */
  private boolean append(int i, String text, boolean raw) {
    if (options.layout() == Layout.TSV) {
      if (i > 0) {
        line.append('\t');
      }
      escape(text, raw, line, Integer.MAX_VALUE);
      return true;
    }
    int width = options.widths().get(i);
    cell.setLength(0);
    boolean whole = escape(text, raw, cell, width) == text.length();
    if (!whole && options.overflow() == Overflow.FAIL) {
      return false;
    }
    int padding = width - cell.codePointCount(0, cell.length());
    if (!rightAligned[i]) {
      line.append(cell);
    }
    for (int p = 0; p < padding; p++) {
      line.append(' ');
    }
    if (rightAligned[i]) {
      line.append(cell);
    }
    return true;
  }

  /**
   * Appends {@code text} to {@code to}, each backslash, tab, LF and CR escaped as {@code \\},
   * {@code \t}, {@code \n} and {@code \r} unless {@code raw}, and a lone surrogate, which UTF-8
   * cannot encode, replaced by U+FFFD; at most {@code room} code points of it. Returns the index in
   * {@code text} where it stopped: {@code text.length()} when all of it fitted.
   */
  private static int escape(String text, boolean raw, StringBuilder to, int room) {
    if (text.length() <= room && isPlain(text)) {
      to.append(text);
      return text.length();
    }
    int used = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      char escaped = raw ? NONE : switch (c) {
        case '\\' -> '\\';
        case '\t' -> 't';
        case '\n' -> 'n';
        case '\r' -> 'r';
        default -> NONE;
      };
      int width = escaped == NONE ? 1 : 2;
      if (used + width > room) {
        return i;
      }
      used += width;
      if (escaped != NONE) {
        to.append('\\').append(escaped);
        i++;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        to.append(c).append(text.charAt(i + 1));
        i += 2;
      } else {
        to.append(Character.isSurrogate(c) ? '\uFFFD' : c);
        i++;
      }
    }
    return i;
  }

  /** Whether {@code text} has nothing to escape or replace, nor any surrogate: most values. */
  private static boolean isPlain(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' || c == '\t' || c == '\n' || c == '\r' || Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private void writeLine() throws IOException {
    line.append(options.lineEnding().separator());
    int length = line.length();
    if (chars.length < length) {
      chars = new char[Math.max(length, chars.length * 2)];
    }
    line.getChars(0, length, chars, 0);
    writer.write(chars, 0, length);
  }
}
