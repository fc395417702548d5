package io.exportkit.internal;

import io.exportkit.Operation;
import io.exportkit.OperationDirectory;
import io.exportkit.statistics.AccountStatistics;
import io.exportkit.statistics.OperationStatistics;
import io.exportkit.statistics.StatisticsSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Computes the statistics of every operation of the account, and their total. */
final class AccountStatisticsCalculator {
  private AccountStatisticsCalculator() {
  }

  static AccountStatistics compute(OperationDirectory directory, StatisticsSource statistics, ZoneId zone) {
    List<Operation> operations = directory.list();
    List<OperationStatistics> each = new ArrayList<>(operations.size());
    long participations = 0;
    Long winners = null;
    Instant first = null;
    Instant last = null;
    Map<LocalDate, Long> perDay = new TreeMap<>();
    for (Operation operation : operations) {
      OperationStatistics s = statistics.operation(operation, zone);
      if (!s.operationId().equals(operation.id())) {
        throw new IllegalStateException("the StatisticsSource answered the figures of operation '" + s.operationId()
            + "' when asked for '" + operation.id() + "'; return OperationStatistics with the asked operation's id");
      }
      each.add(s);
      participations += s.participations();
      if (s.winners() != null) {
        winners = (winners == null ? 0 : winners) + s.winners();
      }
      if (s.firstParticipation() != null && (first == null || s.firstParticipation().isBefore(first))) {
        first = s.firstParticipation();
      }
      if (s.lastParticipation() != null && (last == null || s.lastParticipation().isAfter(last))) {
        last = s.lastParticipation();
      }
      s.participationsPerDay().forEach((day, n) -> perDay.merge(day, n, Long::sum));
    }
    OperationStatistics total = new OperationStatistics(OperationStatistics.TOTAL, participations,
        statistics.distinctParticipants(operations), winners, first, last, perDay);
    return new AccountStatistics(zone, each, total);
  }
}
