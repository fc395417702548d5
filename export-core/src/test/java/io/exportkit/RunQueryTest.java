package io.exportkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunQueryTest {
  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
  private static final ExportRun RUN = ExportRun.running("r1", "e1", 1, 1, null, T0);

  @Test
  void allMatchesEveryRun() {
    boolean matches = RunQuery.all().matches(RUN);

    assertThat(matches).isTrue();
  }

  @Test
  void eachPartNarrowsTheQuery() {
    RunQuery ofExport = RunQuery.ofExport("e1");

    assertThat(ofExport.matches(RUN)).isTrue();
    assertThat(RunQuery.ofExport("e2").matches(RUN)).isFalse();
    assertThat(ofExport.withOutcome(RunOutcome.RUNNING).matches(RUN)).isTrue();
    assertThat(ofExport.withOutcome(RunOutcome.FAILED).matches(RUN)).isFalse();
  }

  @Test
  void thePeriodIncludesItsStartAndExcludesItsEnd() {
    RunQuery startingWithTheRun = RunQuery.all().startedBetween(T0, T0.plusSeconds(1));
    RunQuery endingWithTheRun = RunQuery.all().startedBetween(T0.minusSeconds(1), T0);

    assertThat(startingWithTheRun.matches(RUN)).isTrue();
    assertThat(endingWithTheRun.matches(RUN)).isFalse();
  }

  @Test
  void aPeriodEndingBeforeItStartsIsRefused() {
    Throwable thrown = catchThrowable(() -> RunQuery.all().startedBetween(T0, T0.minusSeconds(1)));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the period ends (2026-05-31T23:59:59Z) before it starts (2026-06-01T00:00:00Z)");
  }
}
