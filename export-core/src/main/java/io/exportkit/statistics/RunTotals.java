package io.exportkit.statistics;

import io.exportkit.RunOutcome;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a set of runs did. Immutable.
 *
 * @param byOutcome how many runs ended each way, every {@link RunOutcome} present (0 when none);
 *     {@link RunOutcome#RUNNING} counts the runs not ended yet
 * @param rowsDelivered the rows of the succeeded runs (a failed run delivers nothing)
 * @param bytesDelivered the bytes of the succeeded runs, as delivered (after compression and encryption)
 */
public record RunTotals(Map<RunOutcome, Long> byOutcome, long rowsDelivered, long bytesDelivered) {

  /** @throws IllegalArgumentException when a figure is negative */
  public RunTotals {
    Map<RunOutcome, Long> all = new EnumMap<>(RunOutcome.class);
    for (RunOutcome outcome : RunOutcome.values()) {
      long runs = byOutcome.getOrDefault(outcome, 0L);
      if (runs < 0) {
        throw new IllegalArgumentException("runs " + outcome + " must not be negative: " + runs);
      }
      all.put(outcome, runs);
    }
    byOutcome = Collections.unmodifiableMap(all);
    if (rowsDelivered < 0 || bytesDelivered < 0) {
      throw new IllegalArgumentException("rows and bytes delivered must not be negative");
    }
  }

  /** How many runs there are, whatever their outcome. */
  public long runs() {
    return byOutcome.values().stream().mapToLong(Long::longValue).sum();
  }

  /** How many runs ended with {@code outcome}. */
  public long runs(RunOutcome outcome) {
    return byOutcome.get(outcome);
  }
}
