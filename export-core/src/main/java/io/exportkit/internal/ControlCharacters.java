package io.exportkit.internal;

import org.jspecify.annotations.Nullable;

/** Makes text from a server safe for a log line or a message. */
public final class ControlCharacters {

  private ControlCharacters() {
  }

  /**
   * {@code text} with its control characters (C0, DEL, C1) as escapes: {@code \r}, {@code \n},
   * {@code \t}, and &#92;u0000 for the others. A server's reply must not add lines to a log or a message.
   */
  public static String escape(@Nullable String text) {
    if (text == null || text.chars().noneMatch(Character::isISOControl)) {
      return String.valueOf(text);
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    text.chars().forEach(c -> {
      switch (c) {
        case '\r' -> escaped.append("\\r");
        case '\n' -> escaped.append("\\n");
        case '\t' -> escaped.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            escaped.append(String.format("\\u%04x", c));
          } else {
            escaped.append((char) c);
          }
        }
      }
    });
    return escaped.toString();
  }
}
