package io.exportkit.scheduling.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.exportkit.Trigger;
import io.exportkit.spi.TriggerContext;
import io.exportkit.spi.TriggerPolicy;
import io.exportkit.spi.TriggerPolicyProvider;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class TriggerPolicyProvidersTest {
  private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void everyTriggerKindHasAProviderFoundThroughServiceLoader() {
    List<String> ids = ServiceLoader.load(TriggerPolicyProvider.class).stream()
        .map(provider -> provider.get().id()).sorted().toList();

    assertThat(ids).containsExactly("at-end", "daily", "immediate", "planned", "weekly");
  }

  @Test
  void aProviderRefusesATriggerOfAnotherKind() {
    Throwable thrown = catchThrowable(() -> new DailyTriggerPolicyProvider().policy(Trigger.atOperationEnd()));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the daily policy computes daily triggers, not at-end ones");
  }

  @Test
  void immediateFiresNowThenNever() {
    TriggerPolicy immediate = new ImmediateTriggerPolicyProvider().policy(Trigger.immediate());

    assertThat(immediate.nextFire(new TriggerContext(NOW, NOW, null, null))).contains(NOW);
    assertThat(immediate.nextFire(new TriggerContext(NOW, NOW, NOW, null))).isEmpty();
  }

  @Test
  void plannedNeverFiresOnceItsInstantIsPastOrItFired() {
    TriggerPolicy planned = new PlannedTriggerPolicyProvider().policy(Trigger.planned(LocalDateTime.of(2026, 6, 1, 10, 30),
        PARIS));
    Instant at = Instant.parse("2026-06-01T08:30:00Z");

    assertThat(planned.nextFire(new TriggerContext(NOW, NOW, null, null))).contains(at);
    assertThat(planned.nextFire(new TriggerContext(at.plusSeconds(1), NOW, null, null))).isEmpty();
    assertThat(planned.nextFire(new TriggerContext(NOW, NOW, at, null))).isEmpty();
  }

  @Test
  void atOperationEndFollowsTheEndItIsGivenEachTime() {
    TriggerPolicy atEnd = new AtOperationEndTriggerPolicyProvider().policy(Trigger.atOperationEnd(Duration.ofHours(1)));
    Instant end = NOW.plus(Duration.ofDays(3));

    assertThat(atEnd.nextFire(new TriggerContext(NOW, NOW, null, end))).contains(end.plus(Duration.ofHours(1)));
    assertThat(atEnd.nextFire(new TriggerContext(NOW, NOW, null, end.plus(Duration.ofDays(2)))))
        .contains(end.plus(Duration.ofDays(2)).plus(Duration.ofHours(1)));
    assertThat(atEnd.nextFire(new TriggerContext(NOW, NOW, null, null))).isEmpty();
    assertThat(atEnd.nextFire(new TriggerContext(NOW, NOW, null, NOW.minus(Duration.ofHours(2))))).isEmpty();
    assertThat(atEnd.nextFire(new TriggerContext(NOW, NOW, end, end))).isEmpty();
  }

  @Test
  void dailyAndWeeklyStopFiringAtTheEndOfTheCalendar() {
    // The last day java.time holds: there is no next day to fire on.
    Instant lastEvening = Instant.parse("+999999999-12-31T23:00:00Z");
    TriggerPolicy daily = new DailyTriggerPolicyProvider().policy(Trigger.daily(LocalTime.of(6, 0), ZoneOffset.UTC));
    TriggerPolicy weekly = new WeeklyTriggerPolicyProvider().policy(
        Trigger.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 0), ZoneId.of("+18:00")));

    assertThat(daily.nextFire(new TriggerContext(lastEvening, NOW, null, null))).isEmpty();
    assertThat(weekly.nextFire(new TriggerContext(lastEvening, NOW, null, null))).isEmpty();
    assertThat(TriggerPreview.next(Trigger.daily(LocalTime.of(6, 0), ZoneOffset.UTC),
        new TriggerContext(lastEvening.minus(Duration.ofDays(1)), NOW, null, null), 3))
        .containsExactly(Instant.parse("+999999999-12-31T06:00:00Z"));
  }

  @Test
  void dailyFiresFromTheFirstDayOfTheCalendar() {
    Instant first = Instant.parse("-999999999-01-01T00:00:00Z");
    TriggerPolicy daily = new DailyTriggerPolicyProvider().policy(Trigger.daily(LocalTime.of(6, 0), ZoneOffset.UTC));

    assertThat(daily.nextFire(new TriggerContext(first, NOW, null, null))).contains(Instant.parse("-999999999-01-01T06:00:00Z"));
  }

  @Test
  void dailyNeverFiresTwiceForTheSameOccurrence() {
    TriggerPolicy daily = new DailyTriggerPolicyProvider().policy(Trigger.daily(LocalTime.of(10, 0), PARIS));
    Instant fire = Instant.parse("2026-06-01T08:00:00Z");

    assertThat(daily.nextFire(new TriggerContext(fire, NOW, fire, null))).contains(fire.plus(Duration.ofDays(1)));
    assertThat(daily.nextFire(new TriggerContext(fire.minusSeconds(1), NOW, fire, null)))
        .contains(fire.plus(Duration.ofDays(1)));
  }

  @Test
  void previewListsTheNextFiresEachFromTheOneBefore() {
    Trigger weekly = Trigger.parse("weekly:MONDAY@06:30", PARIS);

    List<Instant> next = TriggerPreview.next(weekly, new TriggerContext(NOW, NOW, null, null), 3);

    assertThat(next).containsExactly(Instant.parse("2026-06-08T04:30:00Z"), Instant.parse("2026-06-15T04:30:00Z"),
        Instant.parse("2026-06-22T04:30:00Z"));
  }

  @Test
  void previewOfAOneShotTriggerStopsAfterItsOnlyFire() {
    List<Instant> planned = TriggerPreview.next(Trigger.parse("at:2026-12-01T08:00", ZoneOffset.UTC),
        new TriggerContext(NOW, NOW, null, null), 5);
    List<Instant> immediate = TriggerPreview.next(Trigger.immediate(), new TriggerContext(NOW, NOW, null, null), 5);
    List<Instant> atEndWithoutEnd = TriggerPreview.next(Trigger.atOperationEnd(), new TriggerContext(NOW, NOW, null, null), 5);

    assertThat(planned).containsExactly(Instant.parse("2026-12-01T08:00:00Z"));
    assertThat(immediate).containsExactly(NOW);
    assertThat(atEndWithoutEnd).isEmpty();
  }

  @Test
  void previewRefusesANegativeCount() {
    Throwable thrown = catchThrowable(() -> TriggerPreview.next(Trigger.weekly(DayOfWeek.MONDAY, LocalTime.NOON, PARIS),
        new TriggerContext(NOW, NOW, null, null), -1));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage("count must be >= 0: -1");
  }
}
