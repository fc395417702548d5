package io.exportkit.examples;

import io.exportkit.Trigger;
import io.exportkit.TriggerKind;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * When the export runs: {@code --trigger} in {@code --zone}, and {@code --preview N} of its next
 * fire instants from {@code --now}. The demo runs immediate exports only; a scheduled trigger needs
 * a scheduler that keeps running ({@code ExportScheduler}), so the demo previews it instead.
 *
 * @param preview how many fire instants to print instead of exporting, or {@code null} to export
 * @param now the "current" instant the preview starts from
 */
record TriggerOptions(Trigger trigger, @Nullable Integer preview, Instant now) {

  static final Set<String> VALUED = Set.of("--trigger", "--zone", "--preview", "--now");

  /** More would only flood the terminal; a daily trigger's 10 000 fires span 27 years. */
  static final int MAX_PREVIEW = 10_000;

  /** The instants {@code --now} may name: those of the dates a period may name ({@code Period}). */
  private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");

  /**
   * @throws IllegalArgumentException when a value is bad, or a scheduled trigger or {@code --now}
   *     comes without {@code --preview}
   */
  static TriggerOptions parse(CommandLine line) {
    ZoneId zone = line.value("--zone").map(TriggerOptions::zone).orElse(ZoneOffset.UTC);
    Trigger trigger = line.value("--trigger").map(spec -> trigger(spec, zone)).orElse(Trigger.immediate());
    Integer preview = line.value("--preview").map(TriggerOptions::preview).orElse(null);
    Instant now = line.value("--now").map(TriggerOptions::now).orElseGet(Instant::now);
    if (preview == null && trigger.kind() != TriggerKind.IMMEDIATE) {
      throw new IllegalArgumentException("--trigger " + line.value("--trigger").orElseThrow()
          + ": a scheduled trigger needs a running scheduler; use --preview N to see its fire times");
    }
    if (preview == null && line.has("--now")) {
      throw new IllegalArgumentException("--now sets where --preview starts from; it needs --preview N");
    }
    return new TriggerOptions(trigger, preview, now);
  }

  /** The zone {@code --zone} names; {@link StatisticsOptions} counts days in it too. */
  static ZoneId zone(String value) {
    try {
      return ZoneId.of(value);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("--zone must be a time zone such as UTC, Europe/Paris or +02:00, not '"
          + value + "'", e);
    }
  }

  private static Trigger trigger(String spec, ZoneId zone) {
    try {
      return Trigger.parse(spec, zone);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--trigger: " + e.getMessage(), e);
    }
  }

  private static int preview(String value) {
    try {
      int count = Integer.parseInt(value.strip());
      if (count >= 0 && count <= MAX_PREVIEW) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--preview must be a whole number from 0 to " + MAX_PREVIEW + ", not '" + value + "'");
  }

  private static Instant now(String value) {
    Instant now;
    try {
      now = Instant.parse(value);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("--now must be an ISO-8601 instant such as 2026-03-27T12:00:00Z, not '"
          + value + "'", e);
    }
    if (now.isBefore(FIRST) || now.isAfter(LAST)) {
      throw new IllegalArgumentException("--now must lie within the years 0001 to 9999, not '" + value + "'");
    }
    return now;
  }
}
