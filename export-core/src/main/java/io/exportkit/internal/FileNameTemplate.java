package io.exportkit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed file naming template, e.g. {@code {export}_{datetime:yyyyMMdd-HHmmss}.{ext}}, and the
 * sanitising that keeps its output a plain file name whatever the customer typed: no path
 * separator, no {@code ..}, no control or bidi-override character, no reserved device name, at most
 * {@value #MAX_BYTES} bytes of UTF-8. Immutable and thread-safe.
 */
public final class FileNameTemplate {

  /** Longest file name produced, in UTF-8 bytes; most file systems allow 255. */
  public static final int MAX_BYTES = 200;

  private static final int MAX_TEMPLATE_LENGTH = 255;
  private static final Set<String> TOKENS = Set.of("export", "operation", "date", "time", "datetime", "run", "seq", "ext");
  private static final String FORBIDDEN_LITERAL = "/\\:*?\"<>|";
  private static final Pattern DOTS = Pattern.compile("\\.{2,}");
  private static final Pattern WINDOWS_DEVICE = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");

  /** The values a run fills the tokens with. */
  public record Values(String export, String operation, Instant at, ZoneId zone, String run, long seq, String ext) {
    public Values {
      Objects.requireNonNull(export, "export");
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(run, "run");
      Objects.requireNonNull(ext, "ext");
    }
  }

  private sealed interface Part permits Literal, Token {
  }

  private record Literal(String text) implements Part {
  }

  private record Token(String name, DateTimeFormatter formatter) implements Part {
  }

  private final List<Part> parts;
  private final boolean hasExtension;

  private FileNameTemplate(List<Part> parts) {
    this.parts = List.copyOf(parts);
    this.hasExtension = parts.stream().anyMatch(p -> p instanceof Token t && t.name().equals("ext"));
  }

  /**
   * Parses a template.
   *
   * @throws IllegalArgumentException saying what is wrong and what is accepted
   */
  public static FileNameTemplate parse(String template) {
    Objects.requireNonNull(template, "template");
    if (template.isBlank()) {
      throw new IllegalArgumentException("naming template is empty; e.g. {export}_{date}.{ext}");
    }
    if (template.length() > MAX_TEMPLATE_LENGTH) {
      throw new IllegalArgumentException("naming template is longer than " + MAX_TEMPLATE_LENGTH + " characters");
    }
    for (int k = 0; k < template.length(); k++) {
      if (isControl(template.charAt(k))) {
        throw new IllegalArgumentException("naming template must not contain " + describe(template.charAt(k))
            + ": a file name cannot hold path separators, reserved or control characters");
      }
    }
    List<Part> parts = new ArrayList<>();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      int stray = template.indexOf('}', i);
      if (stray >= 0 && (open < 0 || stray < open)) {
        throw new IllegalArgumentException("naming template has a '}' without its '{' at position " + stray);
      }
      if (open < 0) {
        parts.add(literal(template.substring(i)));
        break;
      }
      if (open > i) {
        parts.add(literal(template.substring(i, open)));
      }
      int close = template.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException("naming template has a '{' without its '}' at position " + open);
      }
      parts.add(token(template.substring(open + 1, close)));
      i = close + 1;
    }
    if (parts.get(0) instanceof Literal first && first.text().startsWith(".")) {
      throw new IllegalArgumentException("naming template must not start with '.': it would make a hidden file");
    }
    return new FileNameTemplate(parts);
  }

  private static Literal literal(String text) {
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      if (FORBIDDEN_LITERAL.indexOf(c) >= 0) {
        throw new IllegalArgumentException("naming template must not contain " + describe(c)
            + ": a file name cannot hold path separators, reserved or control characters");
      }
    }
    if (text.contains("..")) {
      throw new IllegalArgumentException("naming template must not contain '..'");
    }
    return new Literal(text);
  }

  private static Token token(String body) {
    int colon = body.indexOf(':');
    String name = colon < 0 ? body : body.substring(0, colon);
    if (!TOKENS.contains(name)) {
      throw new IllegalArgumentException("naming template has an unknown token {" + body + "}; known: "
          + List.of("{export}", "{operation}", "{date}", "{time}", "{datetime:PATTERN}", "{run}", "{seq}", "{ext}"));
    }
    String pattern = switch (name) {
      case "date" -> "yyyyMMdd";
      case "time" -> "HHmmss";
      case "datetime" -> colon < 0 ? "yyyyMMdd-HHmmss" : body.substring(colon + 1);
      default -> null;
    };
    if (colon >= 0 && !name.equals("datetime")) {
      throw new IllegalArgumentException("naming token {" + name + "} takes no pattern; use {datetime:PATTERN}");
    }
    DateTimeFormatter formatter = null;
    if (pattern != null) {
      try {
        formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("naming token {" + body + "} has an invalid date-time pattern: " + e.getMessage(), e);
      }
    }
    return new Token(name, formatter);
  }

  /** The sanitised file name for {@code values}. */
  public String render(Values values) {
    StringBuilder name = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Literal literal) {
        name.append(literal.text());
      } else if (part instanceof Token token) {
        name.append(sanitise(value(token, values)));
      }
    }
    String base = name.toString();
    String ext = sanitise(values.ext());
    if (!hasExtension) {
      base = base + "." + ext;
    }
    // A value ending in '.' next to a literal '.' (or another value) must not make "..".
    return bound(DOTS.matcher(base).replaceAll("."), ext);
  }

  private static String value(Token token, Values v) {
    return switch (token.name()) {
      case "export" -> v.export();
      case "operation" -> v.operation();
      case "run" -> v.run();
      case "seq" -> Long.toString(v.seq());
      case "ext" -> v.ext();
      default -> token.formatter().format(v.at().atZone(v.zone()));
    };
  }

  /** Makes a token's value safe inside a file name. */
  static String sanitise(String value) {
    StringBuilder out = new StringBuilder(value.length());
    value.codePoints().forEach(cp -> {
      if (cp < 0x10000 && (FORBIDDEN_LITERAL.indexOf(cp) >= 0 || isControl((char) cp) || Character.isSurrogate((char) cp))) {
        out.append('_');
      } else {
        out.appendCodePoint(cp);
      }
    });
    String safe = DOTS.matcher(out).replaceAll("_");
    return safe.isEmpty() ? "_" : safe;
  }

  /** Trims what file systems mishandle at the ends, renames device names, and bounds the length. */
  private static String bound(String name, String ext) {
    String result = name.strip();
    if (result.startsWith(".")) {
      result = "_" + result; // visible, and the extension stays
    }
    while (result.endsWith(".") || result.endsWith(" ")) {
      result = result.substring(0, result.length() - 1);
    }
    if (result.isEmpty() || WINDOWS_DEVICE.matcher(result).matches()) {
      result = "_" + result;
    }
    if (result.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
      return result;
    }
    // Keep the extension and cut the base, never in the middle of a surrogate pair.
    String suffix = result.endsWith("." + ext) ? "." + ext : "";
    String base = result.substring(0, result.length() - suffix.length());
    int budget = MAX_BYTES - suffix.getBytes(StandardCharsets.UTF_8).length;
    StringBuilder cut = new StringBuilder();
    int used = 0;
    for (int k = 0; k < base.length(); ) {
      int cp = base.codePointAt(k);
      int bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (used + bytes > budget) {
        break;
      }
      cut.appendCodePoint(cp);
      used += bytes;
      k += Character.charCount(cp);
    }
    while (cut.length() > 0 && (cut.charAt(cut.length() - 1) == '.' || cut.charAt(cut.length() - 1) == ' ')) {
      cut.setLength(cut.length() - 1);
    }
    return cut + suffix;
  }

  private static boolean isControl(char c) {
    return Character.isISOControl(c)
        || (c >= '\u202A' && c <= '\u202E') // bidi embedding and override: make names lie about their extension
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u2028' || c == '\u2029' || c == '\uFEFF';
  }

  private static String describe(char c) {
    return isControl(c) ? String.format("the control character U+%04X", (int) c) : "'" + c + "'";
  }
}
