package io.exportkit.format.csv;

/**
 * When Commons CSV's {@link org.apache.commons.csv.QuoteMode#MINIMAL} quotes a value, for a format
 * whose quote character is {@code "} and that has no escape character. The fast writer must agree
 * with {@link org.apache.commons.csv.CSVPrinter} byte for byte, and the differential test holds it
 * to that.
 */
final class MinimalQuotes {

  private MinimalQuotes() {}

  /**
   * Whether {@code text} is quoted: when it is empty and the first value of its row (else the row
   * would read as an empty line), starts with a character up to {@code #}, holds CR, LF, a double
   * quote or the delimiter, or ends with a character up to a space.
   */
  static boolean needed(CharSequence text, char delimiter, boolean firstInRow) {
    int length = text.length();
    if (length == 0) {
      return firstInRow;
    }
    if (text.charAt(0) <= '#') {
      return true;
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' || c == '"' || c == delimiter) {
        return true;
      }
    }
    return text.charAt(length - 1) <= ' ';
  }
}
