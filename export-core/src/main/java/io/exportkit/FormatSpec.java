package io.exportkit;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which file format an export writes, and that format's options.
 *
 * <p>Options are strings so that a definition stays plain data that any store can keep; the
 * format's provider checks them when the export is created. The option {@value #NEUTRALISE_FORMULAS}
 * (default {@code true}) prefixes CSV and TXT cells that a spreadsheet would run as a formula.
 *
 * @param id the format provider's id, which is also the file extension: {@code csv}, {@code json},
 *     {@code xml}, {@code txt}
 * @param options the format's options, e.g. {@code delimiter=;}
 */
public record FormatSpec(String id, Map<String, String> options) {

  /** Option key: neutralise CSV injection (cells starting with {@code = + - @ TAB CR}). */
  public static final String NEUTRALISE_FORMULAS = "neutraliseFormulas";

  public FormatSpec {
    Objects.requireNonNull(id, "id");
    if (!id.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException("format id must be lower-case letters, digits or '-': " + id);
    }
    options = Map.copyOf(options);
  }

  /** The format {@code id} with its default options. */
  public static FormatSpec of(String id) {
    return new FormatSpec(id, Map.of());
  }

  /** The format {@code id} with {@code options}. */
  public static FormatSpec of(String id, Map<String, String> options) {
    return new FormatSpec(id, options);
  }

  /** A copy with one more option. */
  public FormatSpec withOption(String key, String value) {
    Map<String, String> copy = new TreeMap<>(options);
    copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new FormatSpec(id, copy);
  }

  /** The option {@code key}, or {@code fallback}. */
  public String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }
}
