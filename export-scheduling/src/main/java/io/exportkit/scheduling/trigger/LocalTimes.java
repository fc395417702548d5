package io.exportkit.scheduling.trigger;

import io.exportkit.Trigger;
import io.exportkit.TriggerKind;
import io.exportkit.spi.TriggerContext;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/** Local dates and times to instants, by the daylight-saving rule of this package. */
final class LocalTimes {

  private LocalTimes() {
  }

  /**
   * The instant of {@code local} in {@code zone}: in a spring-forward gap, the first instant after
   * the gap (the transition itself); in an autumn overlap, the earlier of its two instants.
   */
  static Instant resolve(LocalDateTime local, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    return rules.getValidOffsets(local).stream()
        .map(local::toInstant)
        .min(Comparator.naturalOrder())
        .orElseGet(() -> rules.getTransition(local).getInstant());
  }

  /**
   * The first instant after {@code after} that is {@code time} in {@code zone}, on a day that
   * {@code days} accepts; empty when there is none before the end of the calendar that
   * {@link LocalDate} holds (year +999999999).
   */
  static Optional<Instant> next(Instant after, LocalTime time, ZoneId zone, Predicate<LocalDate> days) {
    try {
      LocalDate day = after.atZone(zone).toLocalDate();
      // From the day before: in a zone that skips a whole day, that day's time fires early on the next.
      LocalDate date = day.equals(LocalDate.MIN) ? day : day.minusDays(1);
      while (true) {
        if (days.test(date)) {
          Instant at = resolve(date.atTime(time), zone);
          if (at.isAfter(after)) {
            return Optional.of(at);
          }
        }
        date = date.plusDays(1);
      }
    } catch (DateTimeException e) {
      return Optional.empty(); // past the last day java.time holds: the trigger never fires again
    }
  }

  /** Where a recurring trigger's next fire is searched from: the context's now, or its last fire if later. */
  static Instant after(TriggerContext context) {
    Instant lastFire = context.lastFire();
    return lastFire != null && lastFire.isAfter(context.now()) ? lastFire : context.now();
  }

  /** @throws IllegalArgumentException when {@code trigger} is not of {@code kind} */
  static Trigger require(Trigger trigger, TriggerKind kind) {
    Objects.requireNonNull(trigger, "trigger");
    if (trigger.kind() != kind) {
      throw new IllegalArgumentException("the " + kind.id() + " policy computes " + kind.id() + " triggers, not "
          + trigger.kind().id() + " ones");
    }
    return trigger;
  }
}
