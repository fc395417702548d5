package io.exportkit.format.internal;

import io.exportkit.FormatSpec;
import io.exportkit.spi.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads the text options of a {@link FormatSpec} for one format, collecting one message per
 * problem that names the option and what it accepts. A format describes its options once, as a
 * function that reads them from an {@code Options} and returns its options record; {@link #parse}
 * and {@link #problems(FormatSpec, Function)} run it. Not thread-safe.
 */
public final class Options {

  private final String format;
  private final Map<String, String> values;
  private final Set<String> known = new LinkedHashSet<>();
  private final List<String> problems = new ArrayList<>();

  private Options(FormatSpec spec) {
    this.format = spec.id();
    this.values = new TreeMap<>(spec.options());
  }

  /**
   * The options {@code reader} reads from {@code spec}.
   *
   * @throws IllegalArgumentException listing every problem, as {@link #problems} finds them
   */
  public static <T> T parse(FormatSpec spec, Function<Options, T> reader) {
    Options options = new Options(spec);
    T parsed = reader.apply(options);
    List<String> problems = options.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid " + spec.id() + " options: " + String.join("; ", problems));
    }
    return parsed;
  }

  /** What is wrong with {@code spec}'s options, one message per problem; empty when they are fine. */
  public static List<String> problems(FormatSpec spec, Function<Options, ?> reader) {
    Options options = new Options(spec);
    reader.apply(options);
    return options.problems();
  }

  /**
   * What is wrong with {@code spec}'s options for {@code schema}'s columns: what {@code reader}
   * reports, then each column whose pattern {@link ValueFormatter} refuses; empty when the file
   * can be written.
   */
  public static List<String> problems(FormatSpec spec, Schema schema, Function<Options, ?> reader) {
    List<String> all = new ArrayList<>(problems(spec, reader));
    all.addAll(ValueFormatter.problems(schema));
    return List.copyOf(all);
  }

  /** Whether the option {@code key} is set; it counts as known. */
  public boolean has(String key) {
    known.add(key);
    return values.containsKey(key);
  }

  /** The option {@code key} as it is, or {@code fallback}. */
  public String text(String key, String fallback) {
    known.add(key);
    return values.getOrDefault(key, fallback);
  }

  /** The option {@code key}, or {@code null} when it is not set. */
  public @Nullable String optional(String key) {
    known.add(key);
    return values.get(key);
  }

  /** A {@code true} or {@code false} option, in any case. */
  public boolean bool(String key, boolean fallback) {
    String value = text(key, Boolean.toString(fallback));
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    problem(key, "true or false", value);
    return fallback;
  }

  /** An option whose values are the names of {@code fallback}'s constants, in any case. */
  public <E extends Enum<E>> E choice(String key, E fallback) {
    String value = text(key, name(fallback));
    E[] constants = fallback.getDeclaringClass().getEnumConstants();
    for (E constant : constants) {
      if (name(constant).equalsIgnoreCase(value)) {
        return constant;
      }
    }
    problem(key, oneOf(Arrays.stream(constants).map(Options::name).toList()), value);
    return fallback;
  }

  /** The value of an option of {@code constant}'s type, as the option is written. */
  private static String name(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /** Records that option {@code key} accepts {@code accepted} and not {@code value}. */
  public void problem(String key, String accepted, String value) {
    problem("option '" + key + "' accepts " + accepted + "; got \"" + value + "\"");
  }

  /** Records a problem, in words that say what to fix. */
  public void problem(String message) {
    problems.add(message);
  }

  private List<String> problems() {
    List<String> all = new ArrayList<>(problems);
    for (String key : values.keySet()) {
      if (known.contains(key)) {
        continue;
      }
      if (key.equals(FormatSpec.NEUTRALISE_FORMULAS)) {
        all.add("option '" + key + "' applies to the csv and txt formats only: the " + format
            + " format writes text as it is");
      } else {
        all.add("unknown option '" + key + "'; the " + format + " format accepts "
            + (known.isEmpty() ? "none" : String.join(", ", known)));
      }
    }
    return List.copyOf(all);
  }

  /** {@code "a"}, {@code "a or b"}, {@code "a, b or c"}. */
  private static String oneOf(List<String> values) {
    int last = values.size() - 1;
    return last == 0 ? values.get(0) : String.join(", ", values.subList(0, last)) + " or " + values.get(last);
  }
}
