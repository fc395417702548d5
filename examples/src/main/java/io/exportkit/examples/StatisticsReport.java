package io.exportkit.examples;

import io.exportkit.Operation;
import io.exportkit.OperationDirectory;
import io.exportkit.statistics.AccountStatistics;
import io.exportkit.statistics.OperationStatistics;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The demo's one-line JSON of the account's statistics, written by hand with {@link RunReport}'s
 * helpers (the demo depends on no JSON library).
 */
final class StatisticsReport {

  private StatisticsReport() {
  }

  /**
   * {@code {"zone":"UTC","operations":[{"operation":"instant-win","name":"…",FIGURES},…],"total":{FIGURES}}}
   * where FIGURES are {@code "participations":N,"participants":N,"winners":N|null,
   * "firstParticipation":"INSTANT"|null,"lastParticipation":"INSTANT"|null,
   * "participationsPerDay":{"2026-03-01":N,…}}, days in order.
   *
   * @param directory names the operations
   */
  static String json(AccountStatistics statistics, OperationDirectory directory) {
    StringBuilder json = new StringBuilder(8192).append('{');
    RunReport.string(json, "zone", statistics.zone().getId()).append(",\"operations\":[");
    String separator = "";
    for (OperationStatistics operation : statistics.operations()) {
      json.append(separator).append('{');
      RunReport.string(json, "operation", operation.operationId()).append(',');
      RunReport.string(json, "name", directory.find(operation.operationId()).map(Operation::name).orElse(null));
      figures(json.append(','), operation).append('}');
      separator = ",";
    }
    json.append("],\"total\":{");
    return figures(json, statistics.total()).append("}}").toString();
  }

  private static StringBuilder figures(StringBuilder json, OperationStatistics figures) {
    json.append("\"participations\":").append(figures.participations());
    json.append(",\"participants\":").append(figures.participants());
    Long winners = figures.winners();
    json.append(",\"winners\":").append(winners == null ? "null" : winners.toString()).append(',');
    string(json, "firstParticipation", figures.firstParticipation()).append(',');
    string(json, "lastParticipation", figures.lastParticipation());
    json.append(",\"participationsPerDay\":{");
    String separator = "";
    for (Map.Entry<LocalDate, Long> day : figures.participationsPerDay().entrySet()) {
      RunReport.quote(json.append(separator), day.getKey().toString()).append(':').append(day.getValue());
      separator = ",";
    }
    return json.append('}');
  }

  private static StringBuilder string(StringBuilder json, String key, @Nullable Instant instant) {
    return RunReport.string(json, key, instant == null ? null : instant.toString());
  }
}
