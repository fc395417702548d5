package io.exportkit.spi;

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

/**
 * Reads the typed options of a {@link Destination} for a transport, collecting one problem per bad
 * value instead of stopping at the first, so that {@link TransportProvider#validate} can report them
 * all. Each reader returns the fallback for a missing or bad value. Not thread-safe; one per read.
 */
public final class DestinationOptionReader {
  private final Destination destination;
  private final List<String> problems = new ArrayList<>();

  public DestinationOptionReader(Destination destination) {
    this.destination = destination;
  }

  /** The problems found so far, one message each, in the order found. */
  public List<String> problems() {
    return problems;
  }

  /** Adds a problem the caller found itself, e.g. two options that exclude each other. */
  public void problem(String message) {
    problems.add(message);
  }

  /** The option {@code key} as {@code true} or {@code false} (any case). */
  public boolean bool(String key, boolean fallback) {
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
  public Duration duration(String key, Duration fallback) {
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

  /** The option {@code key} as a whole number from {@code min} to {@code max}. */
  public int integer(String key, int fallback, int min, int max) {
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

  /** The option {@code key} as a path, or {@code null} when absent or invalid. */
  public @Nullable Path path(String key) {
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
  public void rejectUnknown(String scheme, Set<String> options, Set<String> secretRoles) {
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
