package io.exportkit.examples;

import io.exportkit.Content;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportField;
import io.exportkit.ExportType;
import io.exportkit.FormatSpec;
import io.exportkit.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What to export, and in which file: {@code --type}, {@code --operation}, {@code --content},
 * {@code --fields}, {@code --period}, {@code --format}, {@code --format-option}, {@code --compress},
 * {@code --naming}. Checked on their own terms; whether they make an export (the operation exists,
 * the field belongs to it, winners of a quiz, the format's options) is for the library to say.
 *
 * @param operations the chosen operations; empty for the default
 * @param fields custom exports' fields, in order; empty when not given
 * @param period global exports' period, or {@code null}
 * @param format the format and the options {@code --format-option} gave it
 * @param compression the compression stage's id, or {@code none}
 */
record ExportOptions(
    ExportType type,
    List<String> operations,
    Content content,
    List<String> fields,
    @Nullable Period period,
    FormatSpec format,
    String compression,
    String naming) {

  static final Set<String> VALUED = Set.of("--type", "--operation", "--content", "--fields", "--period", "--format",
      "--format-option", "--compress", "--naming");
  /** The options that may be given more than once. */
  static final Set<String> REPEATABLE = Set.of("--format-option");

  ExportOptions {
    operations = List.copyOf(operations);
    fields = List.copyOf(fields);
  }

  static ExportOptions parse(CommandLine line) {
    return new ExportOptions(
        line.value("--type").map(ExportOptions::type).orElse(ExportType.RAPID),
        line.value("--operation").map(value -> list("--operation", value)).orElse(List.of()),
        line.value("--content").map(ExportOptions::content).orElse(Content.ALL_PARTICIPATIONS),
        line.value("--fields").map(value -> list("--fields", value)).orElse(List.of()),
        line.value("--period").map(ExportOptions::period).orElse(null),
        format(line.value("--format").orElse("csv"), line.values("--format-option")),
        line.value("--compress").map(ExportOptions::compression).orElse("none"),
        line.value("--naming").orElse(ExportDefinition.DEFAULT_NAMING));
  }

  /**
   * The operations of the export; for rapid and custom exports, instant-win when none is given.
   * Empty for a global export of every operation of its period.
   */
  List<String> chosenOperations() {
    if (type == ExportType.GLOBAL) {
      return operations.equals(List.of("all")) ? List.of() : operations;
    }
    return operations.isEmpty() ? List.of(SyntheticAccount.INSTANT_WIN) : operations;
  }

  /** The definition of the export so far: everything but where it goes and when. */
  ExportDefinition.Builder definition() {
    return ExportDefinition.builder()
        .name(exportName())
        .type(type)
        .operations(chosenOperations())
        .content(content)
        .fields(fields.stream().map(ExportField::of).toList())
        .period(period)
        .format(format)
        .compression(compression)
        .naming(naming);
  }

  /** The export's name, the {@code {export}} naming token: "demo-instant-win", "demo-quiz", "demo-global". */
  private String exportName() {
    return type == ExportType.GLOBAL ? "demo-global" : "demo-" + String.join("+", chosenOperations());
  }

  private static String compression(String value) {
    if (!List.of("none", "gzip", "zip").contains(value)) {
      throw new IllegalArgumentException("--compress must be none, gzip or zip, not '" + value + "'");
    }
    return value;
  }

  private static ExportType type(String value) {
    return switch (value) {
      case "rapid" -> ExportType.RAPID;
      case "custom" -> ExportType.CUSTOM;
      case "global" -> ExportType.GLOBAL;
      default -> throw new IllegalArgumentException("--type must be rapid, custom or global, not '" + value + "'");
    };
  }

  private static Content content(String value) {
    return switch (value) {
      case "all" -> Content.ALL_PARTICIPATIONS;
      case "participants" -> Content.PARTICIPANTS;
      case "winners" -> Content.WINNERS;
      default -> throw new IllegalArgumentException("--content must be all, participants or winners, not '" + value + "'");
    };
  }

  private static List<String> list(String option, String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",", -1)) {
      String trimmed = item.strip();
      if (trimmed.isEmpty()) {
        throw new IllegalArgumentException(option + " takes a comma-separated list without empty items, not '" + value + "'");
      }
      items.add(trimmed);
    }
    return items;
  }

  private static Period period(String value) {
    try {
      return Period.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--period: " + e.getMessage(), e);
    }
  }

  /**
   * The format {@code id} with each {@code KEY=VALUE} of {@code options}, split at the first
   * {@code =}. Which keys and values the format accepts is for its provider to check.
   */
  private static FormatSpec format(String id, List<String> options) {
    FormatSpec format;
    try {
      format = FormatSpec.of(id);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--format: " + e.getMessage(), e);
    }
    for (String option : options) {
      int equals = option.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("--format-option takes KEY=VALUE, e.g. --format-option layout=ndjson, not '"
            + option + "'");
      }
      String key = option.substring(0, equals);
      if (format.options().containsKey(key)) {
        throw new IllegalArgumentException("--format-option " + key + " is given more than once");
      }
      format = format.withOption(key, option.substring(equals + 1));
    }
    return format;
  }
}
