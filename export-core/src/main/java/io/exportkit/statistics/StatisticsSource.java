package io.exportkit.statistics;

import io.exportkit.Operation;
import java.time.ZoneId;
import java.util.List;

/**
 * Optional host SPI: the host answers the operation figures itself, typically with
 * {@code COUNT(*)}, {@code COUNT(DISTINCT participant)} and {@code GROUP BY} day in its database,
 * which is far faster than streaming every participation. Register it with
 * {@code ExportService.builder().statisticsSource(...)}; then
 * {@link io.exportkit.ExportService#statistics} never opens the
 * {@link io.exportkit.ParticipantSource}. Without it, ExportKit derives the figures from the
 * participant source in bounded memory.
 *
 * <p>The figures must count what the matching exports would hold: participations = the rows of
 * "all participations", participants = the rows of "participants only", winners = the rows of
 * "winners only" ({@code null} for operations that are not instant-win games). See
 * {@code docs/statistics.md}.
 *
 * <p>Implementations must be thread-safe. Exceptions they throw reach the caller of
 * {@code statistics}.
 */
public interface StatisticsSource {

  /**
   * The figures of {@code operation}, with {@link OperationStatistics#operationId()} its id and the
   * participations counted per day in {@code zone}. Called once per operation of the account.
   */
  OperationStatistics operation(Operation operation, ZoneId zone);

  /**
   * How many distinct participants took part in at least one of {@code operations}: the rows of a
   * "participants only" export of all of them. Called once, with every operation of the account.
   */
  long distinctParticipants(List<Operation> operations);
}
