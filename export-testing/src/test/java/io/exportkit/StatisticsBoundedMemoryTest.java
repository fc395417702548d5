package io.exportkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.statistics.AccountStatistics;
import io.exportkit.statistics.OperationStatistics;
import io.exportkit.testing.InMemoryOperationDirectory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statistics of an operation with five million participations, derived by streaming in a JVM
 * of 64 MiB of heap: the participations alone would take several hundred MiB if they were held.
 * Run by its own Surefire execution ({@code bounded-memory} in this module's pom), which gives it
 * that heap; the default execution leaves it out.
 */
class StatisticsBoundedMemoryTest {
  private static final long PARTICIPATIONS = 5_000_000;
  private static final long PARTICIPANTS = 1_000_000;
  private static final int DAYS = 50;
  private static final Instant START = Instant.parse("2026-05-01T00:00:00Z");
  private static final long STEP_MILLIS = Duration.ofDays(DAYS).toMillis() / PARTICIPATIONS;
  private static final Operation OPERATION = new Operation("huge", "Huge instant win", GameKind.INSTANT_WIN, START,
      START.plus(Duration.ofDays(DAYS)), List.of(
          new FieldDefinition("id", "Id", FieldType.INTEGER, FieldScope.PARTICIPANT),
          new FieldDefinition("participated_at", "Date", FieldType.DATE_TIME, FieldScope.PARTICIPATION),
          new FieldDefinition("won", "Won", FieldType.BOOLEAN, FieldScope.PARTICIPATION)));

  @BeforeAll
  static void runsInASmallHeap() {
    assertThat(Runtime.getRuntime().maxMemory()).as("max heap; run with -Xmx64m").isLessThanOrEqualTo(64L << 20);
  }

  @Test
  void fiveMillionParticipationsAreCountedInA64MibHeap() {
    ExportService exports = ExportService.builder()
        .participantSource(StatisticsBoundedMemoryTest::generate)
        .operationDirectory(InMemoryOperationDirectory.of(OPERATION))
        .build();

    AccountStatistics statistics = exports.statistics(ZoneOffset.UTC);

    OperationStatistics huge = statistics.operation("huge").orElseThrow();
    assertThat(huge.participations()).isEqualTo(PARTICIPATIONS);
    assertThat(huge.participants()).isEqualTo(PARTICIPANTS);
    assertThat(huge.winners()).isEqualTo(PARTICIPATIONS / 10);
    assertThat(huge.firstParticipation()).isEqualTo(START);
    assertThat(huge.lastParticipation()).isEqualTo(START.plusMillis((PARTICIPATIONS - 1) * STEP_MILLIS));
    assertThat(huge.participationsPerDay()).hasSize(DAYS).containsOnlyKeys(
        Stream.iterate(LocalDate.of(2026, 5, 1), day -> day.plusDays(1)).limit(DAYS).toList());
    assertThat(huge.participationsPerDay().values()).containsOnly(PARTICIPATIONS / DAYS);
    assertThat(statistics.total().participants()).isEqualTo(PARTICIPANTS);
  }

  /**
   * Rows computed as they are pulled: participation {@code i} is participant {@code i % PARTICIPANTS}'s,
   * at {@code START + i * STEP_MILLIS}, and wins when {@code i % 10 == 0}. Participants only gives
   * each participant once, winners only the winning participations.
   */
  private static Stream<ParticipantRecord> generate(SourceQuery query) {
    long rows = switch (query.content()) {
      case ALL_PARTICIPATIONS -> PARTICIPATIONS;
      case PARTICIPANTS -> PARTICIPANTS;
      case WINNERS -> PARTICIPATIONS / 10;
    };
    long stride = query.content() == Content.WINNERS ? 10 : 1;
    List<String> fields = query.fields();
    Spliterator<ParticipantRecord> generated = new Spliterators.AbstractSpliterator<>(rows, Spliterator.SIZED) {
      private long row;

      @Override
      public boolean tryAdvance(Consumer<? super ParticipantRecord> action) {
        if (row == rows) {
          return false;
        }
        long i = row++ * stride;
        Object[] values = new Object[fields.size()];
        for (int f = 0; f < values.length; f++) {
          values[f] = switch (fields.get(f)) {
            case "id" -> i % PARTICIPANTS;
            case "participated_at" -> START.plusMillis(i * STEP_MILLIS);
            case "won" -> i % 10 == 0;
            default -> OPERATION.id();
          };
        }
        action.accept(ParticipantRecord.of(values));
        return true;
      }
    };
    return StreamSupport.stream(generated, false);
  }
}
