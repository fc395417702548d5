package io.exportkit.examples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the demo's report: one flat JSON object of strings, whole numbers and nulls. Strict
 * enough to fail on what a JSON parser would refuse in such a line.
 */
final class JsonLine {
  private final String text;
  private int at;

  private JsonLine(String text) {
    this.text = text;
  }

  /** The members of {@code line}, in order; numbers as {@link Long}, null as {@code null}. */
  static Map<String, Object> parse(String line) {
    return new JsonLine(line).object();
  }

  private Map<String, Object> object() {
    Map<String, Object> members = new LinkedHashMap<>();
    expect('{');
    while (true) {
      String key = string();
      expect(':');
      members.put(key, value());
      char next = next();
      if (next == '}') {
        break;
      }
      if (next != ',') {
        throw error("',' or '}'");
      }
    }
    if (at != text.length()) {
      throw error("end of line");
    }
    return members;
  }

  private Object value() {
    char c = text.charAt(at);
    if (c == '"') {
      return string();
    }
    if (text.startsWith("null", at)) {
      at += 4;
      return null;
    }
    int start = at;
    while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '-')) {
      at++;
    }
    if (start == at) {
      throw error("a value");
    }
    return Long.parseLong(text.substring(start, at));
  }

  private String string() {
    expect('"');
    StringBuilder value = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return value.toString();
      }
      if (c < 0x20) {
        throw error("an escaped control character");
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      char escaped = next();
      switch (escaped) {
        case '"', '\\', '/' -> value.append(escaped);
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'u' -> {
          value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> throw error("a valid escape");
      }
    }
  }

  private void expect(char c) {
    if (next() != c) {
      throw error("'" + c + "'");
    }
  }

  private char next() {
    if (at >= text.length()) {
      throw error("more input");
    }
    return text.charAt(at++);
  }

  private IllegalArgumentException error(String expected) {
    return new IllegalArgumentException("expected " + expected + " at " + at + " in " + text);
  }
}
