package io.exportkit.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until the test moves it, like Micrometer's {@code MockClock}:
 * hand it to {@code ExportService.builder().clock(...)} and call {@link #advance} or {@link #set}
 * to make time pass.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at(Instant.parse("2026-06-01T08:00:00Z"));
 * clock.advance(Duration.ofDays(1));
 * }</pre>
 *
 * <p>Thread-safe. A clock made by {@link #withZone} shares this clock's instant: moving one moves
 * both.
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock standing at {@code instant}, in UTC. */
  public static MutableClock at(Instant instant) {
    return new MutableClock(new AtomicReference<>(Objects.requireNonNull(instant, "instant")), ZoneOffset.UTC);
  }

  /**
   * Moves the clock forward by {@code duration}.
   *
   * @return the new current instant
   * @throws IllegalArgumentException when {@code duration} is negative; use {@link #set} to go back
   */
  public Instant advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("advance moves forward only; use set(Instant) to go back: " + duration);
    }
    return now.updateAndGet(t -> t.plus(duration));
  }

  /** Puts the clock at {@code instant}, forward or back. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public MutableClock withZone(ZoneId zone) {
    return new MutableClock(now, Objects.requireNonNull(zone, "zone"));
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + ", " + zone + "]";
  }
}
