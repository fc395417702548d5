package io.exportkit.examples;

import io.exportkit.Content;
import io.exportkit.Destination;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportType;
import io.exportkit.FormatSpec;
import io.exportkit.Period;
import io.exportkit.Trigger;
import io.exportkit.TriggerKind;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The demo's command line, parsed and checked on its own terms: well-formed numbers, known option
 * names and values. Whether the values make an export (the operation exists, the field belongs to
 * it, winners of a quiz) is for the library to say.
 *
 * @param operations the chosen operations; empty for the default
 * @param fields custom exports' fields, in order; empty when not given
 * @param period global exports' period, or {@code null}
 */
record DemoOptions(
    boolean help,
    long participants,
    long seed,
    ExportType type,
    List<String> operations,
    Content content,
    List<String> fields,
    @Nullable Period period,
    String format,
    String naming,
    String to) {

  static final long DEFAULT_PARTICIPANTS = 100_000;
  static final long DEFAULT_SEED = 42;
  static final String DEFAULT_DESTINATION = "file:exports";

  private static final Set<String> VALUED = Set.of("--participants", "--seed", "--type", "--operation", "--content",
      "--fields", "--period", "--format", "--compress", "--naming", "--to", "--trigger");

  /** Options of features this version does not ship yet, and the feature each belongs to. */
  private static final Map<String, String> LATER = Map.ofEntries(
      Map.entry("--password-env", "FTP and SFTP delivery"),
      Map.entry("--identity", "SFTP delivery"),
      Map.entry("--identity-passphrase-env", "SFTP delivery"),
      Map.entry("--known-hosts", "SFTP delivery"),
      Map.entry("--host-key-fingerprint", "SFTP delivery"),
      Map.entry("--ca-cert", "FTPS delivery"),
      Map.entry("--insecure-trust-all", "FTPS and SFTP delivery"),
      Map.entry("--encrypt-to", "OpenPGP encryption"),
      Map.entry("--armor", "OpenPGP encryption"),
      Map.entry("--sign-with", "OpenPGP signing"),
      Map.entry("--sign-passphrase-env", "OpenPGP signing"),
      Map.entry("--decrypt", "OpenPGP decryption"),
      Map.entry("--secret-key", "OpenPGP decryption"),
      Map.entry("--passphrase-env", "OpenPGP decryption"),
      Map.entry("--verify-with", "OpenPGP decryption"),
      Map.entry("--out", "OpenPGP decryption"),
      Map.entry("--zone", "scheduled triggers"),
      Map.entry("--preview", "trigger previews"),
      Map.entry("--now", "trigger previews"),
      Map.entry("--statistics", "account statistics"));

  DemoOptions {
    operations = List.copyOf(operations);
    fields = List.copyOf(fields);
  }

  /**
   * Parses {@code args}; {@code --name value} and {@code --name=value} are both accepted.
   *
   * @throws IllegalArgumentException with a message for the user when an option is unknown, not
   *     available in this version, repeated, or has a bad value
   */
  static DemoOptions parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int equals = arg.indexOf('=');
      String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
      if (name.equals("--help") || name.equals("-h")) {
        return defaults(true);
      }
      if (LATER.containsKey(name)) {
        throw notAvailable(name, LATER.get(name));
      }
      if (!VALUED.contains(name)) {
        throw new IllegalArgumentException(name.startsWith("-")
            ? "unknown option " + name : "unexpected argument '" + arg + "': options start with --");
      }
      String value;
      if (!name.equals(arg)) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException(name + " needs a value");
      }
      if (values.put(name, value) != null) {
        throw new IllegalArgumentException(name + " is given more than once");
      }
    }
    return fromValues(values);
  }

  private static DemoOptions defaults(boolean help) {
    return new DemoOptions(help, DEFAULT_PARTICIPANTS, DEFAULT_SEED, ExportType.RAPID, List.of(),
        Content.ALL_PARTICIPATIONS, List.of(), null, "csv", ExportDefinition.DEFAULT_NAMING, DEFAULT_DESTINATION);
  }

  private static DemoOptions fromValues(Map<String, String> values) {
    checkCompression(values.getOrDefault("--compress", "none"));
    checkTrigger(values.getOrDefault("--trigger", "immediate"));
    DemoOptions d = defaults(false);
    long participants = values.containsKey("--participants") ? participants(values.get("--participants")) : d.participants;
    long seed = values.containsKey("--seed") ? number("--seed", values.get("--seed")) : d.seed;
    ExportType type = values.containsKey("--type") ? type(values.get("--type")) : d.type;
    List<String> operations = values.containsKey("--operation") ? list("--operation", values.get("--operation")) : d.operations;
    Content content = values.containsKey("--content") ? content(values.get("--content")) : d.content;
    List<String> fields = values.containsKey("--fields") ? list("--fields", values.get("--fields")) : d.fields;
    Period period = values.containsKey("--period") ? period(values.get("--period")) : d.period;
    String format = values.containsKey("--format") ? format(values.get("--format")) : d.format;
    String naming = values.getOrDefault("--naming", d.naming);
    String to = values.containsKey("--to") ? destination(values.get("--to")) : d.to;
    return new DemoOptions(false, participants, seed, type, operations, content, fields, period, format, naming, to);
  }

  private static void checkCompression(String value) {
    switch (value) {
      case "none" -> {
      }
      case "gzip", "zip" -> throw notAvailable("--compress " + value, "compression");
      default -> throw new IllegalArgumentException("--compress must be none, gzip or zip, not '" + value + "'");
    }
  }

  private static void checkTrigger(String value) {
    Trigger trigger = Trigger.parse(value, ZoneOffset.UTC); // its message names the accepted forms
    if (trigger.kind() != TriggerKind.IMMEDIATE) {
      throw notAvailable("--trigger " + value, "scheduled triggers");
    }
  }

  private static long participants(String value) {
    long participants = number("--participants", value);
    if (participants < 0) {
      throw new IllegalArgumentException("--participants must not be negative: " + value);
    }
    return participants;
  }

  private static long number(String option, String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a whole number, not '" + value + "'", e);
    }
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

  private static String format(String value) {
    try {
      return FormatSpec.of(value).id();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--format: " + e.getMessage(), e);
    }
  }

  private static String destination(String value) {
    try {
      Destination.of(value);
      return value;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--to must be a URI such as file:exports or file:/tmp/out: " + e.getMessage(), e);
    }
  }

  private static IllegalArgumentException notAvailable(String option, String feature) {
    return new IllegalArgumentException(option + " is not available in this version (" + feature
        + " comes in a later version)");
  }
}
