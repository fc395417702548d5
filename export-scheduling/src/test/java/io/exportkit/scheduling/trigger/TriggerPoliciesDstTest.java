package io.exportkit.scheduling.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.Trigger;
import io.exportkit.spi.TriggerContext;
import io.exportkit.spi.TriggerPolicy;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Acceptance: each policy's fire times over two years, in zones with and without daylight saving
 * (Lord Howe shifts by 30 minutes), against fire times this test computes on its own from the zone's
 * transitions: a local time in a gap fires at the transition, one in an overlap at its first
 * occurrence (still on the offset before the transition), any other at the offset in force.
 */
class TriggerPoliciesDstTest {
  private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2028-01-01T00:00:00Z");
  private static final List<LocalTime> ORDINARY_TIMES =
      List.of(LocalTime.MIDNIGHT, LocalTime.of(0, 30), LocalTime.of(6, 45), LocalTime.NOON, LocalTime.of(23, 59, 59));

  @ParameterizedTest
  @ValueSource(strings = {"Europe/Paris", "America/New_York", "Australia/Lord_Howe", "UTC"})
  void dailyFiresOnceEveryLocalDayAtTheTimesTheZoneRulesGive(String zoneId) {
    ZoneId zone = ZoneId.of(zoneId);
    List<ZoneOffsetTransition> transitions = transitions(zone);

    for (LocalTime time : times(transitions)) {
      List<Instant> fires = fires(new DailyTriggerPolicyProvider().policy(Trigger.daily(time, zone)));

      assertThat(fires).as("daily %s in %s", time, zone).isEqualTo(expected(zone, transitions, time, date -> true));
      assertThat(fires).as("one fire per local day").hasSizeBetween(729, 731);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Europe/Paris", "America/New_York", "Australia/Lord_Howe", "UTC"})
  void weeklyFiresOnceEveryWeekAtTheTimesTheZoneRulesGive(String zoneId) {
    ZoneId zone = ZoneId.of(zoneId);
    List<ZoneOffsetTransition> transitions = transitions(zone);

    for (DayOfWeek day : DayOfWeek.values()) {
      for (LocalTime time : times(transitions)) {
        List<Instant> fires = fires(new WeeklyTriggerPolicyProvider().policy(Trigger.weekly(day, time, zone)));

        assertThat(fires).as("weekly %s %s in %s", day, time, zone)
            .isEqualTo(expected(zone, transitions, time, date -> date.getDayOfWeek() == day));
        assertThat(fires).hasSizeBetween(104, 105);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Europe/Paris", "America/New_York", "Australia/Lord_Howe", "UTC"})
  void plannedFiresOnceAtTheInstantTheZoneRulesGive(String zoneId) {
    ZoneId zone = ZoneId.of(zoneId);
    List<ZoneOffsetTransition> transitions = transitions(zone);
    List<LocalDateTime> dateTimes = new ArrayList<>();
    for (ZoneOffsetTransition t : within(transitions)) {
      LocalDateTime early = t.isGap() ? t.getDateTimeBefore() : t.getDateTimeAfter();
      LocalDateTime late = t.isGap() ? t.getDateTimeAfter() : t.getDateTimeBefore();
      dateTimes.addAll(List.of(early.minusSeconds(1), early, early.plus(t.getDuration().abs().dividedBy(2)),
          late.minusNanos(1), late));
    }
    Random random = new Random(42);
    for (int i = 0; i < 500; i++) {
      dateTimes.add(LocalDateTime.ofEpochSecond(FROM.getEpochSecond() + random.nextInt(730 * 86_400), 0, ZoneOffset.UTC));
    }

    for (LocalDateTime dateTime : dateTimes) {
      TriggerPolicy planned = new PlannedTriggerPolicyProvider().policy(Trigger.planned(dateTime, zone));
      Instant expected = expectedInstant(dateTime, zone, transitions);

      assertThat(fires(planned)).as("planned %s in %s", dateTime, zone).containsExactly(expected);
      assertThat(planned.nextFire(context(expected))).contains(expected);
      assertThat(planned.nextFire(context(expected.plusNanos(1)))).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Europe/Paris", "America/New_York", "Australia/Lord_Howe", "UTC"})
  void atOperationEndFiresOnceAtTheEndPlusItsDelayWhateverTheZone(String zoneId) {
    List<Instant> ends = new ArrayList<>();
    for (ZoneOffsetTransition t : within(transitions(ZoneId.of(zoneId)))) {
      ends.addAll(List.of(t.getInstant().minusSeconds(1), t.getInstant(), t.getInstant().plusSeconds(1)));
    }
    for (Instant end = FROM; end.isBefore(TO); end = end.plus(Duration.ofHours(7))) {
      ends.add(end);
    }

    for (Instant end : ends) {
      for (Duration delay : List.of(Duration.ZERO, Duration.ofMinutes(30), Duration.ofDays(1))) {
        TriggerPolicy atEnd = new AtOperationEndTriggerPolicyProvider().policy(Trigger.atOperationEnd(delay));
        TriggerContext beforeTheEnd = new TriggerContext(FROM, FROM, null, end);

        Optional<Instant> fire = atEnd.nextFire(beforeTheEnd);

        assertThat(fire).as("end %s, delay %s", end, delay).contains(end.plus(delay));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
      "Europe/Paris,        2026-03-29T02:30, 2026-03-29T01:00:00Z",   // gap 02:00-03:00: at 03:00 CEST
      "Europe/Paris,        2026-10-25T02:30, 2026-10-25T00:30:00Z",   // overlap: the first 02:30, CEST
      "America/New_York,    2026-03-08T02:30, 2026-03-08T07:00:00Z",   // gap 02:00-03:00: at 03:00 EDT
      "America/New_York,    2026-11-01T01:30, 2026-11-01T05:30:00Z",   // overlap: the first 01:30, EDT
      "Australia/Lord_Howe, 2026-10-04T02:15, 2026-10-03T15:30:00Z",   // 30-minute gap 02:00-02:30: at 02:30 +11
      "Australia/Lord_Howe, 2026-04-05T01:45, 2026-04-04T14:45:00Z",   // 30-minute overlap: the first 01:45, +11
      "Australia/Lord_Howe, 2027-04-04T01:30, 2027-04-03T14:30:00Z",   // the overlap's first instant
      "UTC,                 2026-03-29T02:30, 2026-03-29T02:30:00Z"})
  void localTimesInGapsAndOverlapsFireAsDocumented(String zone, LocalDateTime local, Instant expected) {
    TriggerPolicy daily = new DailyTriggerPolicyProvider().policy(Trigger.daily(local.toLocalTime(), ZoneId.of(zone)));
    Instant dayBefore = local.minusDays(1).atZone(ZoneId.of(zone)).toInstant();

    Optional<Instant> fireOfTheDay = daily.nextFire(new TriggerContext(dayBefore.plusSeconds(60), FROM, dayBefore, null));

    assertThat(fireOfTheDay).contains(expected);
  }

  /** The policy's fire times after FROM and before TO, each computed from the one before, as a scheduler does. */
  private static List<Instant> fires(TriggerPolicy policy) {
    List<Instant> fires = new ArrayList<>();
    TriggerContext context = context(FROM);
    for (Optional<Instant> next = policy.nextFire(context); next.isPresent() && next.get().isBefore(TO);
        next = policy.nextFire(context)) {
      fires.add(next.get());
      context = new TriggerContext(next.get(), FROM, next.get(), null);
    }
    return fires;
  }

  private static TriggerContext context(Instant now) {
    return new TriggerContext(now, FROM, null, null);
  }

  /** The zone's transitions from a year before FROM to a year after TO; every one of those years has one. */
  private static List<ZoneOffsetTransition> transitions(ZoneId zone) {
    ZoneRules rules = zone.getRules();
    List<ZoneOffsetTransition> transitions = new ArrayList<>();
    for (ZoneOffsetTransition t = rules.nextTransition(FROM.minus(Duration.ofDays(365)));
        t != null && t.getInstant().isBefore(TO.plus(Duration.ofDays(365))); t = rules.nextTransition(t.getInstant())) {
      transitions.add(t);
    }
    if (!rules.isFixedOffset()) {
      assertThat(within(transitions)).as("%s changes its clocks twice a year", zone).hasSize(4);
    }
    return transitions;
  }

  /** The transitions of the two years. */
  private static List<ZoneOffsetTransition> within(List<ZoneOffsetTransition> transitions) {
    return transitions.stream().filter(t -> t.getInstant().isAfter(FROM) && t.getInstant().isBefore(TO)).toList();
  }

  /** Ordinary local times, and for each transition, times just before, at, inside and at the end of its gap or overlap. */
  private static TreeSet<LocalTime> times(List<ZoneOffsetTransition> transitions) {
    TreeSet<LocalTime> times = new TreeSet<>(ORDINARY_TIMES);
    for (ZoneOffsetTransition t : transitions) {
      LocalDateTime early = t.isGap() ? t.getDateTimeBefore() : t.getDateTimeAfter();
      LocalDateTime late = t.isGap() ? t.getDateTimeAfter() : t.getDateTimeBefore();
      times.addAll(List.of(early.minusMinutes(1).toLocalTime(), early.toLocalTime(),
          early.plus(t.getDuration().abs().dividedBy(2)).toLocalTime(), late.minusSeconds(1).toLocalTime(),
          late.toLocalTime()));
    }
    return times;
  }

  /** The fire times in (FROM, TO) of {@code time} on the days {@code days} accepts, from the transitions alone. */
  private static List<Instant> expected(ZoneId zone, List<ZoneOffsetTransition> transitions, LocalTime time,
      Predicate<LocalDate> days) {
    List<Instant> expected = new ArrayList<>();
    for (LocalDate date = LocalDate.of(2025, 12, 30); date.isBefore(LocalDate.of(2028, 1, 2)); date = date.plusDays(1)) {
      Instant at = expectedInstant(date.atTime(time), zone, transitions);
      if (days.test(date) && at.isAfter(FROM) && at.isBefore(TO)) {
        expected.add(at);
      }
    }
    return expected;
  }

  private static Instant expectedInstant(LocalDateTime local, ZoneId zone, List<ZoneOffsetTransition> transitions) {
    ZoneOffset inForce = transitions.isEmpty() ? zone.getRules().getOffset(FROM) : transitions.get(0).getOffsetBefore();
    for (ZoneOffsetTransition t : transitions) {
      if (t.isGap() && !local.isBefore(t.getDateTimeBefore()) && local.isBefore(t.getDateTimeAfter())) {
        return t.getInstant();
      }
      if (t.isOverlap() && !local.isBefore(t.getDateTimeAfter()) && local.isBefore(t.getDateTimeBefore())) {
        return local.toInstant(t.getOffsetBefore());
      }
      if (!local.isBefore(t.isGap() ? t.getDateTimeAfter() : t.getDateTimeBefore())) {
        inForce = t.getOffsetAfter();
      }
    }
    return local.toInstant(inForce);
  }
}
