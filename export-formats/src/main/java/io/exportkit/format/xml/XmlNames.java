package io.exportkit.format.xml;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Turns column labels into XML element names that every XML 1.0 parser accepts.
 *
 * <p>XML 1.0 (5th edition) allows almost any letter in a name, but parsers built on the earlier
 * editions, the JDK's own among them, accept only the letters of Unicode 2.0. The characters kept
 * here are in both: ASCII letters and digits, {@code _}, {@code -}, {@code .}, and the letters of
 * Latin-1, Latin Extended-A, Greek, Cyrillic, Hebrew, Arabic, Hiragana, Katakana, CJK ideographs
 * and Hangul, as XML 1.0's 4th edition lists them.
 */
final class XmlNames {

  /** Inclusive ranges of the non-ASCII letters kept, from XML 1.0 4th edition's BaseChar and Ideographic. */
  private static final int[][] LETTERS = {
      {0x00C0, 0x00D6}, {0x00D8, 0x00F6}, {0x00F8, 0x00FF},
      {0x0100, 0x0131}, {0x0134, 0x013E}, {0x0141, 0x0148}, {0x014A, 0x017E},
      {0x0386, 0x0386}, {0x0388, 0x038A}, {0x038C, 0x038C}, {0x038E, 0x03A1}, {0x03A3, 0x03CE},
      {0x0401, 0x040C}, {0x040E, 0x044F}, {0x0451, 0x045C}, {0x045E, 0x0481},
      {0x05D0, 0x05EA},
      {0x0621, 0x063A}, {0x0641, 0x064A},
      {0x3041, 0x3094}, {0x30A1, 0x30FA},
      {0x4E00, 0x9FA5},
      {0xAC00, 0xD7A3}};

  private XmlNames() {}

  /**
   * The element name of {@code label}: the label in Unicode NFC, each character that is not a name
   * character replaced by {@code _}, then prefixed with {@code _} when it does not start with a
   * letter or {@code _} (it is empty, or starts with a digit, {@code -} or {@code .}) or starts
   * with {@code xml} in any case, which XML reserves. {@code "E-mail"} stays, {@code "Played at"}
   * becomes {@code Played_at}, {@code "1st prize"} {@code _1st_prize}.
   */
  static String of(String label) {
    String nfc = Normalizer.normalize(label, Normalizer.Form.NFC);
    StringBuilder name = new StringBuilder(nfc.length() + 1);
    nfc.codePoints().forEach(c -> name.append(isNameChar(c) ? (char) c : '_'));
    if (name.isEmpty() || !isNameStart(name.charAt(0)) || name.toString().toLowerCase(Locale.ROOT).startsWith("xml")) {
      name.insert(0, '_');
    }
    return name.toString();
  }

  /** Whether {@code name} is a name as {@link #of} makes them, and so unchanged by it. */
  static boolean isValid(String name) {
    return of(name).equals(name);
  }

  private static boolean isNameStart(int c) {
    return c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || isLetter(c);
  }

  private static boolean isNameChar(int c) {
    return isNameStart(c) || c >= '0' && c <= '9' || c == '-' || c == '.';
  }

  private static boolean isLetter(int c) {
    for (int[] range : LETTERS) {
      if (c >= range[0] && c <= range[1]) {
        return true;
      }
    }
    return false;
  }
}
