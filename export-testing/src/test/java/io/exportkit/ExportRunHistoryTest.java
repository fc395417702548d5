package io.exportkit;

import static io.exportkit.ServiceFixture.NOW;
import static io.exportkit.ServiceFixture.PLANNED_AT;
import static io.exportkit.ServiceFixture.planned;
import static io.exportkit.ServiceFixture.rapid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.exportkit.testing.InMemoryTransport.Delivery;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The run history through {@link ExportService}: what each run keeps, the paged queries, and retention. */
class ExportRunHistoryTest {
  private static final Duration DAY = Duration.ofDays(1);

  private final ServiceFixture fx = new ServiceFixture();
  private final AtomicBoolean databaseDown = new AtomicBoolean();
  private final ExportStore store = ExportStore.inMemory();

  @Test
  void everyRunIsKeptWithItsVersionOccurrenceCountsBytesChecksumLocationAndError() throws Exception {
    ExportService exports = service(RunRetention.KEEP_ALL);
    Export daily = exports.publish(exports.create(rapid("daily").build()).id());
    fx.clock.advance(DAY);
    databaseDown.set(true);
    ExportRun failed = exports.runNow(daily.id());
    databaseDown.set(false);
    Export plannedDraft = exports.create(rapid("planned").trigger(planned()).build());
    exports.publish(plannedDraft.id());
    fx.clock.set(PLANNED_AT);
    ExportService.Firing firing = new ExportService.Firing("node-1", Duration.ofMinutes(5), 1, Duration.ofMinutes(1),
        Duration.ofMinutes(1));
    ExportRun fired = exports.fire(exports.claim(plannedDraft.id(), PLANNED_AT, firing).orElseThrow(), firing);

    List<ExportRun> history = exports.runs(RunQuery.all(), PageRequest.first(10)).items();

    Delivery first = fx.transport.deliveries().get(0);
    ExportRun delivered = history.get(2);
    assertThat(history).extracting(ExportRun::id).containsExactly(fired.id(), failed.id(), daily.lastRun().id());
    assertThat(delivered.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
    assertThat(delivered.exportVersion()).isEqualTo(2);
    assertThat(delivered.sequence()).isEqualTo(1);
    assertThat(delivered.occurrence()).isNull();
    assertThat(delivered.startedAt()).isEqualTo(NOW);
    assertThat(delivered.rows()).isEqualTo(4);
    assertThat(delivered.bytes()).isEqualTo(first.bytes().length);
    assertThat(delivered.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first.bytes())));
    assertThat(delivered.location()).isEqualTo(first.location());
    assertThat(failed.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(history.get(1)).isEqualTo(failed);
    assertThat(failed.sequence()).isEqualTo(2);
    assertThat(failed.error()).contains("database down");
    assertThat(fired.occurrence()).isEqualTo(PLANNED_AT);
    assertThat(history.get(0)).isEqualTo(fired);
  }

  @Test
  void runsAreQueriedByExportByOutcomeAndByPeriodPageByPage() {
    ExportService exports = service(RunRetention.KEEP_ALL);
    Export daily = dailyRuns(exports, "daily", 5);
    Export other = dailyRuns(exports, "other", 1);

    Page<ExportRun> ofDaily = exports.runs(RunQuery.ofExport(daily.id()), PageRequest.of(0, 2));
    Page<ExportRun> ofDailyNext = exports.runs(RunQuery.ofExport(daily.id()), PageRequest.of(1, 2));
    Page<ExportRun> failed = exports.runs(RunQuery.all().withOutcome(RunOutcome.FAILED), PageRequest.first(10));
    Page<ExportRun> secondAndThirdDay = exports.runs(RunQuery.all().startedBetween(NOW.plus(DAY), NOW.plus(DAY.multipliedBy(3))),
        PageRequest.first(10));

    assertThat(ofDaily.total()).isEqualTo(5);
    assertThat(ofDaily.items()).extracting(ExportRun::sequence).containsExactly(5L, 4L);
    assertThat(ofDailyNext.items()).extracting(ExportRun::sequence).containsExactly(3L, 2L);
    assertThat(failed.items()).extracting(ExportRun::exportId, ExportRun::sequence)
        .containsExactly(tuple(daily.id(), 4L), tuple(daily.id(), 2L));
    assertThat(secondAndThirdDay.items()).extracting(ExportRun::sequence).containsExactly(3L, 2L);
    assertThat(exports.runs(RunQuery.ofExport(other.id()), PageRequest.first(10)).total()).isEqualTo(1);
  }

  @Test
  void retentionKeepsTheLatestRunsOfEachExport() {
    ExportService exports = service(RunRetention.maxRunsPerExport(2));
    Export daily = dailyRuns(exports, "daily", 5);
    Export once = dailyRuns(exports, "once", 1);

    long removed = exports.pruneRuns();

    assertThat(removed).isEqualTo(3);
    assertThat(exports.runs(daily.id())).extracting(ExportRun::sequence).containsExactly(5L, 4L);
    assertThat(exports.runs(once.id())).hasSize(1);
  }

  @Test
  void pruningNeverRemovesTheLastRunOfAnExportHoweverOldOrFailed() {
    ExportService exports = service(RunRetention.maxAge(Duration.ofDays(30)));
    Export daily = dailyRuns(exports, "daily", 4);
    fx.clock.advance(Duration.ofDays(365));

    long removed = exports.pruneRuns();

    Export after = exports.get(daily.id());
    assertThat(removed).isEqualTo(3);
    assertThat(exports.runs(daily.id())).containsExactly(after.lastRun());
    assertThat(after.lastRun().outcome()).as("the fourth run failed").isEqualTo(RunOutcome.FAILED);
  }

  @Test
  void pruningUnderTheDefaultRetentionKeepsEveryRun() {
    ExportService exports = service(RunRetention.KEEP_ALL);
    Export daily = dailyRuns(exports, "daily", 3);
    fx.clock.advance(Duration.ofDays(3650));

    long removed = exports.pruneRuns();

    assertThat(removed).isZero();
    assertThat(exports.runs(daily.id())).hasSize(3);
  }

  private ExportService service(RunRetention retention) {
    ParticipantSource flaky = query -> {
      if (databaseDown.get()) {
        throw new IllegalStateException("database down");
      }
      return fx.source.open(query);
    };
    return fx.builder().participantSource(flaky).store(store).runRetention(retention).build();
  }

  /**
   * An immediate export published now, then run again once a day, {@code runs} runs in all; the
   * second and fourth fail. The clock is left a day after the last run.
   */
  private Export dailyRuns(ExportService exports, String name, int runs) {
    fx.clock.set(NOW);
    Export export = exports.publish(exports.create(rapid(name).build()).id());
    for (int run = 2; run <= runs; run++) {
      fx.clock.advance(DAY);
      databaseDown.set(run % 2 == 0);
      exports.runNow(export.id());
    }
    databaseDown.set(false);
    fx.clock.advance(DAY);
    return exports.get(export.id());
  }
}
