package io.exportkit;

import static io.exportkit.ServiceFixture.NOW;
import static io.exportkit.ServiceFixture.planned;
import static io.exportkit.ServiceFixture.rapid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import io.exportkit.statistics.ExportStatistics;
import io.exportkit.statistics.RunTotals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export statistics through {@link ExportService#exportStatistics}, over an account of five
 * exports: "daily" (memory) ran on publish, failed a day later and ran again on the third day;
 * "local" (file, a favorite) ran on publish; "broken" (memory) failed on the third day; "planned"
 * waits for its date; "draft" was never published.
 */
class ExportStatisticsTest {
  private static final Duration DAY = Duration.ofDays(1);

  private final ServiceFixture fx = new ServiceFixture();
  private final AtomicBoolean databaseDown = new AtomicBoolean();
  private final ExportService exports = fx.builder().participantSource(query -> {
    if (databaseDown.get()) {
      throw new IllegalStateException("database down");
    }
    return fx.source.open(query);
  }).build();

  @TempDir
  Path folder;

  private Export daily;
  private Export local;
  private Export broken;
  private ExportRun dailyFailure;
  private ExportRun brokenFailure;

  @BeforeEach
  void runTheAccount() {
    daily = exports.publish(exports.create(rapid("daily").build()).id());
    local = exports.publish(exports.create(rapid("local").destination(Destination.of(folder.toUri())).build()).id());
    exports.favorite(local.id(), true);
    exports.publish(exports.create(rapid("planned").trigger(planned()).build()).id());
    exports.create(rapid("draft").build());
    fx.clock.advance(DAY);
    databaseDown.set(true);
    dailyFailure = exports.runNow(daily.id());
    databaseDown.set(false);
    fx.clock.advance(DAY);
    exports.runNow(daily.id());
    fx.clock.advance(Duration.ofHours(1));
    databaseDown.set(true);
    broken = exports.publish(exports.create(rapid("broken").build()).id());
    brokenFailure = broken.lastRun();
    databaseDown.set(false);
  }

  @Test
  void exportsAreCountedByCategoryAndDestinationKind() {
    ExportStatistics statistics = exports.exportStatistics(NOW, NOW.plus(DAY.multipliedBy(3)));

    assertThat(statistics.exportsByCategory()).containsExactly(entry(ExportCategory.ALL, 5L),
        entry(ExportCategory.IN_PROGRESS, 0L), entry(ExportCategory.SCHEDULED, 1L), entry(ExportCategory.DRAFT, 1L),
        entry(ExportCategory.CLOSED, 3L), entry(ExportCategory.FAVORITES, 1L));
    assertThat(statistics.exportsByDestination()).containsExactly(entry("file", 1L), entry("memory", 4L));
  }

  @Test
  void runsOfThePeriodAreCountedByOutcomeWithTheRowsAndBytesDelivered() throws Exception {
    ExportStatistics statistics = exports.exportStatistics(NOW, NOW.plus(DAY.multipliedBy(3)));

    long memoryBytes = fx.transport.deliveries().stream().mapToLong(d -> d.bytes().length).sum();
    long fileBytes = Files.size(folder.resolve(exports.get(local.id()).lastRun().fileName()));
    assertThat(statistics.runs()).isEqualTo(totals(3, 2, 12, memoryBytes + fileBytes));
    assertThat(statistics.runsByDestination()).containsExactly(entry("file", totals(1, 0, 4, fileBytes)),
        entry("memory", totals(2, 2, 8, memoryBytes)));
  }

  @Test
  void theLastFailureOfEachExportIsListedNewestFirstWithItsCause() {
    ExportStatistics statistics = exports.exportStatistics(NOW, NOW.plus(DAY.multipliedBy(3)));

    assertThat(statistics.lastFailures()).containsExactly(brokenFailure, dailyFailure);
    assertThat(statistics.lastFailures()).allSatisfy(run -> assertThat(run.error()).contains("database down"));
  }

  @Test
  void onlyTheRunsStartedInThePeriodCount() {
    ExportStatistics secondDay = exports.exportStatistics(NOW.plus(DAY), NOW.plus(DAY.multipliedBy(2)));

    assertThat(secondDay.runs()).isEqualTo(totals(0, 1, 0, 0));
    assertThat(secondDay.runsByDestination()).containsOnlyKeys("memory");
    assertThat(secondDay.lastFailures()).containsExactly(dailyFailure);
    assertThat(secondDay.exports(ExportCategory.ALL)).as("exports are counted as they are now").isEqualTo(5);
  }

  @Test
  void aPeriodWithoutRunsHasEveryOutcomeAtZero() {
    Instant later = NOW.plus(DAY.multipliedBy(30));

    ExportStatistics statistics = exports.exportStatistics(later, later.plus(DAY));

    assertThat(statistics.runs().byOutcome()).containsExactly(entry(RunOutcome.RUNNING, 0L),
        entry(RunOutcome.SUCCEEDED, 0L), entry(RunOutcome.FAILED, 0L));
    assertThat(statistics.runsByDestination()).isEmpty();
    assertThat(statistics.lastFailures()).isEmpty();
  }

  @Test
  void aPeriodEndingBeforeItStartsIsRefused() {
    Throwable thrown = catchThrowable(() -> exports.exportStatistics(NOW, NOW.minusSeconds(1)));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before it starts");
  }

  private static RunTotals totals(long succeeded, long failed, long rows, long bytes) {
    return new RunTotals(Map.of(RunOutcome.SUCCEEDED, succeeded, RunOutcome.FAILED, failed), rows, bytes);
  }
}
