package io.exportkit.transport.sftp;

import io.exportkit.Destination;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Reads the typed options of a destination, collecting one problem per bad value instead of stopping at the first. */
final class OptionReader {
  private final Destination destination;
  private final List<String> problems = new ArrayList<>();

  OptionReader(Destination destination) {
    this.destination = destination;
  }

  List<String> problems() {
    return problems;
  }

  void problem(String message) {
    problems.add(message);
  }

  boolean bool(String key, boolean fallback) {
    String value = destination.options().get(key);
    if (value == null) {
      return fallback;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    problems.add("option " + key + " must be true or false, not '" + value + "'");
    return fallback;
  }

  /** A positive ISO-8601 duration such as {@code PT30S}. */
  Duration duration(String key, Duration fallback) {
    String value = destination.options().get(key);
    if (value == null) {
      return fallback;
    }
    try {
      Duration duration = Duration.parse(value);
      if (!duration.isNegative() && !duration.isZero()) {
        return duration;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    problems.add("option " + key + " must be a positive ISO-8601 duration such as PT30S, not '" + value + "'");
    return fallback;
  }

  int integer(String key, int fallback, int min, int max) {
    String value = destination.options().get(key);
    if (value == null) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value.trim());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add("option " + key + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    return fallback;
  }

  @Nullable Path path(String key) {
    String value = destination.options().get(key);
    if (value == null) {
      return null;
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      problems.add("option " + key + " is not a valid path: '" + value + "'");
      return null;
    }
  }

  /** Reports options and secret roles the transport does not know, which are usually typos. */
  void rejectUnknown(String scheme, Set<String> options, Set<String> secretRoles) {
    for (String key : new TreeSet<>(destination.options().keySet())) {
      if (!options.contains(key)) {
        problems.add("unknown option '" + key + "' for " + scheme + ": destinations; known options: " + new TreeSet<>(options));
      }
    }
    for (String role : new TreeSet<>(destination.secrets().keySet())) {
      if (!secretRoles.contains(role)) {
        problems.add("unknown secret role '" + role + "' for " + scheme + ": destinations; known roles: " + new TreeSet<>(secretRoles));
      }
    }
  }
}
