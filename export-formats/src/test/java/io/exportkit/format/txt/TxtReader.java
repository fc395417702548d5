package io.exportkit.format.txt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A reader of TXT files written from the format's documentation, not from the writer: lines end
 * with the line ending; tab-separated values or fixed widths; backslash escapes.
 */
final class TxtReader {

  private TxtReader() {}

  /** The lines of {@code file}, each of which must end with {@code lineEnding}. */
  static List<String> lines(String file, String lineEnding) {
    if (file.isEmpty()) {
      return List.of();
    }
    if (!file.endsWith(lineEnding)) {
      throw new IllegalArgumentException("the last line does not end with the line ending");
    }
    return Arrays.asList(file.substring(0, file.length() - lineEnding.length()).split(lineEnding, -1));
  }

  /** The values of a tab-separated line, still escaped. */
  static List<String> tabSeparated(String line) {
    return Arrays.asList(line.split("\t", -1));
  }

  /** The values of a fixed-width line, padding included, cut at {@code widths} code points. */
  static List<String> fixedWidth(String line, List<Integer> widths) {
    List<String> values = new ArrayList<>();
    int start = 0;
    for (int width : widths) {
      int end = line.offsetByCodePoints(start, width);
      values.add(line.substring(start, end));
      start = end;
    }
    if (start != line.length()) {
      throw new IllegalArgumentException("the line is longer than the widths");
    }
    return values;
  }

  /** {@code value} without the spaces that pad it: at its start when right-aligned, else at its end. */
  static String unpad(String value, boolean rightAligned) {
    int start = 0;
    int end = value.length();
    while (rightAligned && start < end && value.charAt(start) == ' ') {
      start++;
    }
    while (!rightAligned && end > start && value.charAt(end - 1) == ' ') {
      end--;
    }
    return value.substring(start, end);
  }

  /** {@code value} with {@code \\}, {@code \t}, {@code \n}, {@code \r} replaced, left to right. */
  static String unescape(String value) {
    StringBuilder text = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\\') {
        text.append(c);
        continue;
      }
      char escaped = value.charAt(++i);
      text.append(switch (escaped) {
        case '\\' -> '\\';
        case 't' -> '\t';
        case 'n' -> '\n';
        case 'r' -> '\r';
        default -> throw new IllegalArgumentException("not an escape: \\" + escaped);
      });
    }
    return text.toString();
  }
}
