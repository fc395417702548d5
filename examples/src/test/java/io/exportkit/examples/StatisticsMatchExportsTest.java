package io.exportkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.Content;
import io.exportkit.Destination;
import io.exportkit.Entitlements;
import io.exportkit.Export;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportRun;
import io.exportkit.ExportService;
import io.exportkit.ExportType;
import io.exportkit.GameKind;
import io.exportkit.Operation;
import io.exportkit.Period;
import io.exportkit.statistics.AccountStatistics;
import io.exportkit.statistics.OperationStatistics;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: the statistics of the demo's synthetic account equal what its exports hold. Every
 * operation is exported as CSV with all participations, participants only and (instant-win) winners
 * only, and the whole account with global exports; the files are parsed back and counted, per
 * operation and per day of the participation time in the account's zone.
 */
class StatisticsMatchExportsTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
  private static final SyntheticAccount ACCOUNT = new SyntheticAccount(42, 3_000);
  private static final Period WHOLE_YEAR = Period.parse("2026-01-01/2026-12-31");
  private static final String PARTICIPATED_AT = "Participated at";

  @TempDir
  Path folder;

  private static ExportService exports;
  private static AccountStatistics statistics;

  @BeforeAll
  static void computeTheStatistics() {
    exports = ExportService.builder()
        .participantSource(ACCOUNT)
        .operationDirectory(ACCOUNT)
        .entitlements(Entitlements.ALL)
        .discoverProviders()
        .build();
    statistics = exports.statistics(ZONE);
  }

  @Test
  void everyOperationOfTheAccountHasStatistics() {
    assertThat(statistics.zone()).isEqualTo(ZONE);
    assertThat(statistics.operations()).extracting(OperationStatistics::operationId)
        .containsExactly(SyntheticAccount.INSTANT_WIN, SyntheticAccount.QUIZ, SyntheticAccount.SWEEPSTAKES);
  }

  @Test
  void eachOperationCountsTheRowsOfItsExports() throws IOException {
    for (Operation operation : ACCOUNT.list()) {
      OperationStatistics figures = statistics.operation(operation.id()).orElseThrow();
      Rows all = read(export(operation.id(), Content.ALL_PARTICIPATIONS));
      Rows participants = read(export(operation.id(), Content.PARTICIPANTS));

      assertThat(figures.participations()).as(operation.id()).isEqualTo(all.count).isPositive();
      assertThat(figures.participationsPerDay()).as(operation.id()).isEqualTo(all.perDay);
      assertThat(figures.firstParticipation()).as(operation.id()).isEqualTo(all.first);
      assertThat(figures.lastParticipation()).as(operation.id()).isEqualTo(all.last);
      assertThat(figures.participants()).as(operation.id()).isEqualTo(participants.count).isPositive();
      if (operation.kind() == GameKind.INSTANT_WIN) {
        assertThat(figures.winners()).as(operation.id()).isEqualTo(read(export(operation.id(), Content.WINNERS)).count)
            .isPositive();
      } else {
        assertThat(figures.winners()).as("%s has no winners-only export", operation.id()).isNull();
      }
    }
  }

  @Test
  void theTotalCountsTheRowsOfTheGlobalExports() throws IOException {
    OperationStatistics total = statistics.total();
    Rows all = read(export(null, Content.ALL_PARTICIPATIONS));
    Rows participants = read(export(null, Content.PARTICIPANTS));
    Rows winners = read(export(SyntheticAccount.INSTANT_WIN, Content.WINNERS));

    assertThat(total.participations()).isEqualTo(all.count);
    assertThat(total.participationsPerDay()).isEqualTo(all.perDay);
    assertThat(total.firstParticipation()).isEqualTo(all.first);
    assertThat(total.lastParticipation()).isEqualTo(all.last);
    assertThat(total.participants()).as("each person once, whatever games they played").isEqualTo(participants.count)
        .isEqualTo(ACCOUNT.participants());
    assertThat(total.winners()).isEqualTo(winners.count);
  }

  /**
   * Exports {@code content} of one operation (a rapid export), or of all of them over the year (a
   * global export) when {@code operationId} is null, and returns the delivered file.
   */
  private Path export(String operationId, Content content) {
    String name = (operationId == null ? "global" : operationId) + "-" + content.name().toLowerCase();
    ExportDefinition.Builder definition = ExportDefinition.builder()
        .name(name)
        .content(content)
        .format("csv")
        .naming("{export}.{ext}")
        .zone(ZONE)
        .destination(Destination.of(folder.toUri()));
    if (operationId == null) {
      definition.type(ExportType.GLOBAL).period(WHOLE_YEAR);
    } else {
      definition.type(ExportType.RAPID).operation(operationId);
    }
    Export draft = exports.create(definition.build());
    ExportRun run = exports.publish(draft.id()).lastRun();
    assertThat(run.succeeded()).as("%s: %s", name, run.error()).isTrue();
    return folder.resolve(run.fileName());
  }

  /** The data rows of a CSV export, and, when it has the participation time, their days in the account zone. */
  private static Rows read(Path file) throws IOException {
    Rows rows = new Rows();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(skipByteOrderMark(reader),
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      boolean dated = parser.getHeaderNames().contains(PARTICIPATED_AT);
      for (CSVRecord record : parser) {
        rows.count++;
        if (dated) {
          rows.add(OffsetDateTime.parse(record.get(PARTICIPATED_AT)).toInstant());
        }
      }
    }
    return rows;
  }

  private static BufferedReader skipByteOrderMark(BufferedReader reader) throws IOException {
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
    return reader;
  }

  /** What an export file holds, counted. */
  private static final class Rows {
    long count;
    final Map<LocalDate, Long> perDay = new TreeMap<>();
    Instant first;
    Instant last;

    void add(Instant at) {
      perDay.merge(LocalDate.ofInstant(at, ZONE), 1L, Long::sum);
      first = first == null || at.isBefore(first) ? at : first;
      last = last == null || at.isAfter(last) ? at : last;
    }
  }
}
