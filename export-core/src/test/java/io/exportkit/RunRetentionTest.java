package io.exportkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunRetentionTest {

  @Test
  void bothLimitsCanBeSet() {
    RunRetention retention = RunRetention.maxAge(Duration.ofDays(90)).withMaxRunsPerExport(10);

    assertThat(retention).isEqualTo(new RunRetention(Duration.ofDays(90), 10));
    assertThat(RunRetention.maxRunsPerExport(10).withMaxAge(Duration.ofDays(90))).isEqualTo(retention);
  }

  @Test
  void keepingNoRunIsRefusedBecauseTheLastRunAlwaysStays() {
    Throwable thrown = catchThrowable(() -> RunRetention.maxRunsPerExport(0));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRunsPerExport must be >= 1 (the last run is always kept): 0");
  }

  @Test
  void aMaxAgeMustBePositive() {
    Throwable zero = catchThrowable(() -> RunRetention.maxAge(Duration.ZERO));
    Throwable negative = catchThrowable(() -> RunRetention.maxAge(Duration.ofDays(-1)));

    assertThat(zero).isInstanceOf(IllegalArgumentException.class).hasMessage("maxAge must be positive: PT0S");
    assertThat(negative).isInstanceOf(IllegalArgumentException.class);
  }
}
