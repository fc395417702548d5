package io.exportkit.examples;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The demo's arguments, split into options: {@code --name value}, {@code --name=value} and flags
 * ({@code --name}); a repeatable option may be given several times. It knows option names only;
 * each feature's options record ({@link ExportOptions}, {@link DeliveryOptions},
 * {@link TriggerOptions}, {@link StatisticsOptions}) reads and checks its own values.
 */
final class CommandLine {
  private final Map<String, List<String>> values;
  private final boolean help;

  private CommandLine(Map<String, List<String>> values, boolean help) {
    this.values = values.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, option -> List.copyOf(option.getValue())));
    this.help = help;
  }

  /**
   * Splits {@code args}. Parsing stops at {@code --help} (or {@code -h}).
   *
   * @param valued the options that take a value
   * @param repeatable those of {@code valued} that may be given more than once
   * @param flags the options that take none
   * @param later the options of features this version does not ship, with the feature each belongs to
   * @throws IllegalArgumentException when an option is unknown, not available in this version,
   *     repeated, or lacks its value
   */
  static CommandLine parse(String[] args, Set<String> valued, Set<String> repeatable, Set<String> flags,
      Map<String, String> later) {
    Map<String, List<String>> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int equals = arg.indexOf('=');
      String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
      if (name.equals("--help") || name.equals("-h")) {
        return new CommandLine(Map.of(), true);
      }
      if (later.containsKey(name)) {
        throw notAvailable(name, later.get(name));
      }
      String value;
      if (flags.contains(name)) {
        if (!name.equals(arg)) {
          throw new IllegalArgumentException(name + " takes no value");
        }
        value = "";
      } else if (!valued.contains(name)) {
        throw new IllegalArgumentException(name.startsWith("-")
            ? "unknown option " + name : "unexpected argument '" + arg + "': options start with --");
      } else if (!name.equals(arg)) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException(name + " needs a value");
      }
      List<String> given = values.computeIfAbsent(name, n -> new ArrayList<>());
      if (!given.isEmpty() && !repeatable.contains(name)) {
        throw new IllegalArgumentException(name + " is given more than once");
      }
      given.add(value);
    }
    return new CommandLine(values, false);
  }

  /** Whether {@code --help} was asked for; the line then holds no option. */
  boolean help() {
    return help;
  }

  /** The value of {@code option}, when given. */
  Optional<String> value(String option) {
    return values(option).stream().findFirst();
  }

  /** The values of a repeatable {@code option}, in the order given; empty when it is not given. */
  List<String> values(String option) {
    return values.getOrDefault(option, List.of());
  }

  /** Whether {@code option} (a flag or an option with a value) is given. */
  boolean has(String option) {
    return values.containsKey(option);
  }

  /** The names of the options given, in no particular order. */
  Set<String> options() {
    return values.keySet();
  }

  /**
   * {@code value}, once it is known to name a readable file.
   *
   * @throws IllegalArgumentException naming {@code option} when it does not
   */
  static String readableFile(String option, String value) {
    try {
      if (Files.isReadable(Path.of(value)) && !Files.isDirectory(Path.of(value))) {
        return value;
      }
    } catch (InvalidPathException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " " + value + ": no such readable file");
  }

  /** The message for an option or value whose feature this version does not ship. */
  static IllegalArgumentException notAvailable(String option, String feature) {
    return new IllegalArgumentException(option + " is not available in this version (" + feature
        + " comes in a later version)");
  }
}
