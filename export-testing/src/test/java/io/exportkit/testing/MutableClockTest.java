package io.exportkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MutableClockTest {
  private static final Instant START = Instant.parse("2026-06-01T08:00:00Z");

  private final MutableClock clock = MutableClock.at(START);

  @Test
  void standsStillUntilMoved() {
    Instant before = clock.instant();

    Instant after = clock.advance(Duration.ofMinutes(5));

    assertThat(before).isEqualTo(START);
    assertThat(after).isEqualTo(clock.instant()).isEqualTo(START.plusSeconds(300));
  }

  @Test
  void setMovesEitherWay() {
    clock.set(START.minusSeconds(60));

    assertThat(clock.instant()).isEqualTo(START.minusSeconds(60));
  }

  @Test
  void advancingBackwardsIsRefused() {
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("set(Instant)");
  }

  @Test
  void aClockInAnotherZoneSharesTheInstant() {
    MutableClock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.advance(Duration.ofHours(1));

    assertThat(paris.instant()).isEqualTo(START.plusSeconds(3600));
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
  }
}
