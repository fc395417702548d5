package io.exportkit;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * When an export runs. Make one with the factories; each checks its own arguments.
 *
 * @param kind the kind of trigger
 * @param dateTime for {@link TriggerKind#PLANNED}: the local date-time in {@code zone}
 * @param time for {@link TriggerKind#DAILY} and {@link TriggerKind#WEEKLY}: the local time
 * @param day for {@link TriggerKind#WEEKLY}: the day of the week
 * @param zone the time zone in which local dates and times are meant
 * @param delay for {@link TriggerKind#AT_OPERATION_END}: how long after the end to run
 */
public record Trigger(
    TriggerKind kind,
    @Nullable LocalDateTime dateTime,
    @Nullable LocalTime time,
    @Nullable DayOfWeek day,
    ZoneId zone,
    Duration delay) {

  public Trigger {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    boolean ok = switch (kind) {
      case IMMEDIATE, AT_OPERATION_END -> dateTime == null && time == null && day == null;
      case PLANNED -> dateTime != null && time == null && day == null;
      case DAILY -> dateTime == null && time != null && day == null;
      case WEEKLY -> dateTime == null && time != null && day != null;
    };
    if (!ok) {
      throw new IllegalArgumentException("inconsistent " + kind.id() + " trigger; use the Trigger factories");
    }
  }

  /** Runs as soon as the export is published. */
  public static Trigger immediate() {
    return new Trigger(TriggerKind.IMMEDIATE, null, null, null, ZoneOffset.UTC, Duration.ZERO);
  }

  /** Runs once at {@code dateTime} in {@code zone}. */
  public static Trigger planned(LocalDateTime dateTime, ZoneId zone) {
    return new Trigger(TriggerKind.PLANNED, Objects.requireNonNull(dateTime, "dateTime"), null, null, zone, Duration.ZERO);
  }

  /** Runs once when the operation ends. */
  public static Trigger atOperationEnd() {
    return atOperationEnd(Duration.ZERO);
  }

  /** Runs once, {@code delay} after the operation ends. */
  public static Trigger atOperationEnd(Duration delay) {
    return new Trigger(TriggerKind.AT_OPERATION_END, null, null, null, ZoneOffset.UTC, delay);
  }

  /** Runs every day at {@code time} in {@code zone}. */
  public static Trigger daily(LocalTime time, ZoneId zone) {
    return new Trigger(TriggerKind.DAILY, null, Objects.requireNonNull(time, "time"), null, zone, Duration.ZERO);
  }

  /** Runs every {@code day} at {@code time} in {@code zone}. */
  public static Trigger weekly(DayOfWeek day, LocalTime time, ZoneId zone) {
    return new Trigger(TriggerKind.WEEKLY, null, Objects.requireNonNull(time, "time"),
        Objects.requireNonNull(day, "day"), zone, Duration.ZERO);
  }

  /**
   * Parses the demo's notation: {@code immediate}, {@code at:2026-12-01T08:00}, {@code at-end},
   * {@code daily:06:30}, {@code weekly:MONDAY@06:30}.
   *
   * @throws IllegalArgumentException naming the accepted forms when {@code spec} is none of them
   */
  public static Trigger parse(String spec, ZoneId zone) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(zone, "zone");
    try {
      if (spec.equals("immediate")) {
        return immediate();
      }
      if (spec.equals("at-end")) {
        return atOperationEnd();
      }
      if (spec.startsWith("at:")) {
        return planned(LocalDateTime.parse(spec.substring(3)), zone);
      }
      if (spec.startsWith("daily:")) {
        return daily(LocalTime.parse(spec.substring(6)), zone);
      }
      if (spec.startsWith("weekly:") && spec.indexOf('@') > 7) {
        int at = spec.indexOf('@');
        DayOfWeek day = DayOfWeek.valueOf(spec.substring(7, at).toUpperCase(Locale.ROOT));
        return weekly(day, LocalTime.parse(spec.substring(at + 1)), zone);
      }
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new IllegalArgumentException(usage(spec), e);
    }
    throw new IllegalArgumentException(usage(spec));
  }

  private static String usage(String spec) {
    return "trigger '" + spec + "' is not one of: immediate | at:YYYY-MM-DDTHH:MM | at-end | daily:HH:MM | weekly:DAY@HH:MM";
  }
}
