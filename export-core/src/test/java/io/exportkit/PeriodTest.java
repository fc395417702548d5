package io.exportkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodTest {

  @Test
  void parseReadsFromSlashTo() {
    Period period = Period.parse("2026-01-01/2026-03-31");

    assertThat(period).isEqualTo(Period.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)));
  }

  @Test
  void singleDayPeriodIsAccepted() {
    Period period = Period.parse("2028-02-29/2028-02-29");

    assertThat(period.from()).isEqualTo(period.to()).isEqualTo(LocalDate.of(2028, 2, 29));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2026-01-01", "2026-01-01..2026-03-31", "2026-01-01/", "/2026-03-31",
      "2026-13-01/2026-03-31", "2026-01-01/2026-02-30", "01/01/2026", "2026-01-01/2026-03-31/2026-04-01", "Q1 2026"})
  void parseRejectsOtherFormsNamingTheExpectedOne(String text) {
    Throwable thrown = catchThrowable(() -> Period.parse(text));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("period must be FROM/TO in ISO dates, e.g. 2026-01-01/2026-03-31: " + text);
  }

  @Test
  void periodThatEndsBeforeItStartsIsRejected() {
    Throwable thrown = catchThrowable(() -> Period.parse("2026-03-31/2026-01-01"));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("period ends (2026-01-01) before it starts (2026-03-31)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-05-01/+999999999-12-31", "2026-05-01/+10000-01-01", "-999999999-01-01/2026-05-01",
      "0000-12-31/2026-05-01"})
  void periodOutsideYearsOneToNineThousandNineHundredNinetyNineIsRejected(String text) {
    // Its end of day may not exist (+999999999-12-31 has no next day), and databases hold no such dates.
    Throwable thrown = catchThrowable(() -> Period.parse(text));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("period must lie within the years 0001 to 9999, as databases' dates do: ");
  }

  @Test
  void periodOfTheFirstAndLastDaysOfThoseYearsIsAccepted() {
    Period period = Period.parse("0001-01-01/9999-12-31");

    assertThat(period.to()).isEqualTo(LocalDate.of(9999, 12, 31));
  }

  @Test
  void ofRejectsNullNamingTheParameter() {
    Throwable thrown = catchThrowable(() -> Period.of(LocalDate.of(2026, 1, 1), null));

    assertThat(thrown).isInstanceOf(NullPointerException.class).hasMessage("to");
  }

  @Test
  void containsIncludesBothEnds() {
    Period period = Period.parse("2026-01-01/2026-03-31");

    boolean first = period.contains(LocalDate.of(2026, 1, 1));
    boolean last = period.contains(LocalDate.of(2026, 3, 31));
    boolean before = period.contains(LocalDate.of(2025, 12, 31));
    boolean after = period.contains(LocalDate.of(2026, 4, 1));

    assertThat(first).isTrue();
    assertThat(last).isTrue();
    assertThat(before).isFalse();
    assertThat(after).isFalse();
  }
}
