package io.exportkit.statistics;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The statistics of every operation of the account, and their total; see
 * {@link io.exportkit.ExportService#statistics}. Immutable.
 *
 * @param zone the time zone in which days are counted
 * @param operations one entry per operation, in the order of the
 *     {@link io.exportkit.OperationDirectory}
 * @param total the account's figures ({@link OperationStatistics#TOTAL}): participations and winners
 *     summed, participants distinct across operations (someone who played two games counts once),
 *     first and last participation over all operations, per-day counts summed
 */
public record AccountStatistics(ZoneId zone, List<OperationStatistics> operations, OperationStatistics total) {
  public AccountStatistics {
    Objects.requireNonNull(zone, "zone");
    operations = List.copyOf(operations);
    Objects.requireNonNull(total, "total");
  }

  /** The figures of one operation. */
  public Optional<OperationStatistics> operation(String operationId) {
    return operations.stream().filter(o -> o.operationId().equals(operationId)).findFirst();
  }
}
