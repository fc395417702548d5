package io.exportkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TriggerTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  static Stream<Arguments> parsedForms() {
    return Stream.of(
        Arguments.of("immediate", Trigger.immediate()),
        Arguments.of("at-end", Trigger.atOperationEnd()),
        Arguments.of("at:2026-12-01T08:00", Trigger.planned(LocalDateTime.of(2026, 12, 1, 8, 0), PARIS)),
        Arguments.of("at:2026-12-01T08:00:30", Trigger.planned(LocalDateTime.of(2026, 12, 1, 8, 0, 30), PARIS)),
        Arguments.of("daily:06:30", Trigger.daily(LocalTime.of(6, 30), PARIS)),
        Arguments.of("weekly:MONDAY@06:30", Trigger.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 30), PARIS)),
        Arguments.of("weekly:sunday@23:59", Trigger.weekly(DayOfWeek.SUNDAY, LocalTime.of(23, 59), PARIS)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parsedForms")
  void parseReadsEveryDocumentedForm(String spec, Trigger expected) {
    Trigger trigger = Trigger.parse(spec, PARIS);

    assertThat(trigger).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "never", "Immediate", " immediate", "immediate ", "at:", "at:2026-13-01T08:00",
      "at:2026-12-01", "at-end:1h", "daily:", "daily:25:00", "daily:6h30", "weekly:", "weekly:MONDAY",
      "weekly:MONDAY@", "weekly:@06:30", "weekly:FUNDAY@06:30", "weekly:MONDAY@25:00", "hourly:00"})
  void parseRejectsAnythingElseNamingTheAcceptedForms(String spec) {
    Throwable thrown = catchThrowable(() -> Trigger.parse(spec, PARIS));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage("trigger '" + spec
        + "' is not one of: immediate | at:YYYY-MM-DDTHH:MM | at-end | daily:HH:MM | weekly:DAY@HH:MM");
  }

  @Test
  void parseRejectsNullSpecNamingTheParameter() {
    Throwable thrown = catchThrowable(() -> Trigger.parse(null, PARIS));

    assertThat(thrown).isInstanceOf(NullPointerException.class).hasMessage("spec");
  }

  @Test
  void parseRejectsNullZoneNamingTheParameter() {
    Throwable thrown = catchThrowable(() -> Trigger.parse("immediate", null));

    assertThat(thrown).isInstanceOf(NullPointerException.class).hasMessage("zone");
  }

  @Test
  void plannedKeepsTheLocalDateTimeAndZone() {
    LocalDateTime at = LocalDateTime.of(2026, 12, 1, 8, 0);

    Trigger trigger = Trigger.planned(at, PARIS);

    assertThat(trigger.kind()).isEqualTo(TriggerKind.PLANNED);
    assertThat(trigger.dateTime()).isEqualTo(at);
    assertThat(trigger.zone()).isEqualTo(PARIS);
    assertThat(trigger.kind().recurring()).isFalse();
  }

  @Test
  void weeklyIsRecurringAndKeepsDayAndTime() {
    Trigger trigger = Trigger.weekly(DayOfWeek.FRIDAY, LocalTime.NOON, PARIS);

    assertThat(trigger.day()).isEqualTo(DayOfWeek.FRIDAY);
    assertThat(trigger.time()).isEqualTo(LocalTime.NOON);
    assertThat(trigger.kind().recurring()).isTrue();
  }

  @Test
  void atOperationEndKeepsItsDelay() {
    Trigger trigger = Trigger.atOperationEnd(Duration.ofMinutes(30));

    assertThat(trigger.kind()).isEqualTo(TriggerKind.AT_OPERATION_END);
    assertThat(trigger.delay()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void negativeDelayIsRejected() {
    Throwable thrown = catchThrowable(() -> Trigger.atOperationEnd(Duration.ofMinutes(-1)));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage("delay must not be negative: PT-1M");
  }

  @Test
  void inconsistentComponentsAreRejected() {
    Throwable thrown = catchThrowable(
        () -> new Trigger(TriggerKind.DAILY, null, null, null, ZoneOffset.UTC, Duration.ZERO));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inconsistent daily trigger; use the Trigger factories");
  }

  @Test
  void weeklyWithoutDayIsRejected() {
    Throwable thrown = catchThrowable(
        () -> new Trigger(TriggerKind.WEEKLY, null, LocalTime.NOON, null, ZoneOffset.UTC, Duration.ZERO));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inconsistent weekly trigger; use the Trigger factories");
  }

  @Test
  void factoriesRejectNullNamingTheParameter() {
    Throwable noTime = catchThrowable(() -> Trigger.daily(null, PARIS));
    Throwable noDay = catchThrowable(() -> Trigger.weekly(null, LocalTime.NOON, PARIS));
    Throwable noZone = catchThrowable(() -> Trigger.planned(LocalDateTime.of(2026, 1, 1, 0, 0), null));

    assertThat(noTime).isInstanceOf(NullPointerException.class).hasMessage("time");
    assertThat(noDay).isInstanceOf(NullPointerException.class).hasMessage("day");
    assertThat(noZone).isInstanceOf(NullPointerException.class).hasMessage("zone");
  }
}
