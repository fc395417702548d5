package io.exportkit.statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The figures of one operation, or of the whole account. Each count equals the rows of the export
 * of that content. Immutable.
 *
 * @param operationId the operation, or {@link #TOTAL} for the account
 * @param participations every participation: the rows of an "all participations" export
 * @param participants distinct participants: the rows of a "participants only" export
 * @param winners winning participations: the rows of a "winners only" export; {@code null} when no
 *     operation counted is an instant-win game (the only kind with a winners-only export)
 * @param firstParticipation the earliest participation, or {@code null} when there is none
 * @param lastParticipation the latest participation, or {@code null} when there is none
 * @param participationsPerDay participations per day in the account's time zone, days in order;
 *     days without participations are absent
 */
public record OperationStatistics(
    String operationId,
    long participations,
    long participants,
    @Nullable Long winners,
    @Nullable Instant firstParticipation,
    @Nullable Instant lastParticipation,
    Map<LocalDate, Long> participationsPerDay) {

  /** The {@link #operationId()} of the account's total. */
  public static final String TOTAL = "*";

  /** @throws IllegalArgumentException when a count is negative */
  public OperationStatistics {
    Objects.requireNonNull(operationId, "operationId");
    if (participations < 0 || participants < 0 || (winners != null && winners < 0)) {
      throw new IllegalArgumentException("counts must not be negative: participations " + participations
          + ", participants " + participants + ", winners " + winners);
    }
    participationsPerDay = Collections.unmodifiableMap(new TreeMap<>(participationsPerDay));
  }
}
