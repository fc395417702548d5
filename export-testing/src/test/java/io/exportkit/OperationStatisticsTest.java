package io.exportkit;

import static io.exportkit.ServiceFixture.QUIZ;
import static io.exportkit.ServiceFixture.SUMMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import io.exportkit.statistics.AccountStatistics;
import io.exportkit.statistics.OperationStatistics;
import io.exportkit.statistics.StatisticsSource;
import io.exportkit.testing.InMemoryOperationDirectory;
import io.exportkit.testing.InMemoryParticipantSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The account's operation statistics through {@link ExportService#statistics}: derived from the
 * participant source by streaming, or answered by the host's {@link StatisticsSource}. The figures
 * follow {@link ServiceFixture#participations()}.
 */
class OperationStatisticsTest {
  private static final LocalDate MAY_2 = LocalDate.of(2026, 5, 2);

  private final ServiceFixture fx = new ServiceFixture();

  @Test
  void eachOperationCountsItsParticipationsParticipantsWinnersAndDays() {
    ExportService exports = fx.builder().build();

    AccountStatistics statistics = exports.statistics(ZoneOffset.UTC);

    assertThat(statistics.zone()).isEqualTo(ZoneOffset.UTC);
    assertThat(statistics.operations()).extracting(OperationStatistics::operationId).containsExactly("summer", "quiz");
    assertThat(statistics.operation("summer")).contains(new OperationStatistics("summer", 4, 3, 2L,
        Instant.parse("2026-05-02T10:00:00Z"), Instant.parse("2026-05-05T13:00:00Z"),
        Map.of(MAY_2, 1L, MAY_2.plusDays(1), 1L, MAY_2.plusDays(2), 1L, MAY_2.plusDays(3), 1L)));
    assertThat(statistics.operation("quiz")).as("a quiz has no winners-only export").contains(new OperationStatistics(
        "quiz", 2, 2, null, Instant.parse("2026-05-02T09:00:00Z"), Instant.parse("2026-05-06T09:00:00Z"),
        Map.of(MAY_2, 1L, MAY_2.plusDays(4), 1L)));
  }

  @Test
  void theTotalCountsSomeoneWhoPlayedSeveralGamesOnce() {
    ExportService exports = fx.builder().build();

    OperationStatistics total = exports.statistics(ZoneOffset.UTC).total();

    assertThat(total).isEqualTo(new OperationStatistics(OperationStatistics.TOTAL, 6, 4, 2L,
        Instant.parse("2026-05-02T09:00:00Z"), Instant.parse("2026-05-06T09:00:00Z"),
        Map.of(MAY_2, 2L, MAY_2.plusDays(1), 1L, MAY_2.plusDays(2), 1L, MAY_2.plusDays(3), 1L, MAY_2.plusDays(4), 1L)));
  }

  @Test
  void daysAreCountedInTheAccountZone() {
    ExportService exports = fx.builder().build();

    OperationStatistics summer = exports.statistics(ZoneId.of("Pacific/Auckland")).operation("summer").orElseThrow();

    assertThat(summer.participationsPerDay()).as("UTC+12: 12:00Z and 13:00Z fall on the next day").containsExactly(
        entry(MAY_2, 1L), entry(MAY_2.plusDays(1), 1L), entry(MAY_2.plusDays(3), 1L), entry(MAY_2.plusDays(4), 1L));
  }

  @Test
  void derivingTheStatisticsNeverAsksForAParticipantField() {
    List<SourceQuery> queries = new ArrayList<>();
    ExportService exports = fx.builder().participantSource(query -> {
      queries.add(query);
      return fx.source.open(query);
    }).build();

    exports.statistics(ZoneOffset.UTC);

    assertThat(queries).extracting(SourceQuery::fields).containsOnly(List.of("participated_at"), List.of("operation"));
    assertThat(queries).extracting(SourceQuery::content).contains(Content.PARTICIPANTS, Content.WINNERS);
    assertThat(fx.source.closes()).as("every stream closed").isEqualTo(fx.source.opens());
  }

  @Test
  void withAHostStatisticsSourceNoParticipantIsStreamed() {
    HostCounts host = new HostCounts();
    ExportService exports = fx.builder().statisticsSource(host).build();

    AccountStatistics statistics = exports.statistics(ZoneOffset.UTC);

    assertThat(fx.source.opens()).isZero();
    assertThat(fx.source.rowsStreamed()).isZero();
    assertThat(statistics.operation("summer").orElseThrow().participations()).isEqualTo(1_000_000);
    assertThat(statistics.total().participations()).isEqualTo(2_000_000);
    assertThat(statistics.total().participants()).isEqualTo(42);
    assertThat(statistics.total().winners()).isEqualTo(7);
  }

  @Test
  void aHostSourceAnsweringForAnotherOperationIsRefused() {
    StatisticsSource confused = new HostCounts() {
      @Override
      public OperationStatistics operation(Operation operation, ZoneId zone) {
        return new OperationStatistics("elsewhere", 1, 1, null, null, null, Map.of());
      }
    };
    ExportService exports = fx.builder().statisticsSource(confused).build();

    Throwable thrown = catchThrowable(() -> exports.statistics(ZoneOffset.UTC));

    assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("the StatisticsSource answered the figures"
        + " of operation 'elsewhere' when asked for 'summer'; return OperationStatistics with the asked operation's id");
  }

  @Test
  void aSourceFailingMidStreamFailsTheStatisticsAndIsClosed() {
    fx.source.failingAfter(2);
    ExportService exports = fx.builder().build();

    Throwable thrown = catchThrowable(() -> exports.statistics(ZoneOffset.UTC));

    assertThat(thrown).isInstanceOf(SourceException.class).hasMessageStartingWith(
        "the participant source failed after 2 rows while counting the ALL_PARTICIPATIONS of [summer]: ");
    assertThat(fx.source.closes()).isEqualTo(fx.source.opens()).isEqualTo(1);
  }

  @Test
  void aParticipationTimeOfTheWrongTypeSaysWhichFieldAndWhatItMustHold() {
    InMemoryParticipantSource textDates = InMemoryParticipantSource.of(SUMMER.id(),
        Map.of("id", "p1", "participated_at", "2026-05-02"));
    ExportService exports = fx.builder().participantSource(textDates)
        .operationDirectory(InMemoryOperationDirectory.of(SUMMER)).build();

    Throwable thrown = catchThrowable(() -> exports.statistics(ZoneOffset.UTC));

    assertThat(thrown).isInstanceOf(SourceException.class).hasMessage("field 'participated_at' of operation 'summer'"
        + " holds a java.lang.String; a DATE_TIME value must be an Instant (or a TemporalAccessor with an instant,"
        + " such as an OffsetDateTime)");
  }

  @Test
  void participationTimesMayBeAnyTemporalWithAnInstant() {
    InMemoryParticipantSource offsetDates = InMemoryParticipantSource.of(QUIZ.id(),
        Map.of("id", "p1", "participated_at", OffsetDateTime.parse("2026-05-02T23:30:00-02:00")));
    ExportService exports = fx.builder().participantSource(offsetDates)
        .operationDirectory(InMemoryOperationDirectory.of(QUIZ)).build();

    OperationStatistics quiz = exports.statistics(ZoneOffset.UTC).operation("quiz").orElseThrow();

    assertThat(quiz.firstParticipation()).isEqualTo(Instant.parse("2026-05-03T01:30:00Z"));
    assertThat(quiz.participationsPerDay()).containsExactly(entry(MAY_2.plusDays(1), 1L));
  }

  @Test
  void anOperationWithoutAParticipationTimeIsCountedWithoutDays() {
    Operation timeless = new Operation("timeless", "No dates", GameKind.QUIZ, SUMMER.start(), SUMMER.end(),
        List.of(new FieldDefinition("id", "Id", FieldType.STRING, FieldScope.PARTICIPANT)));
    InMemoryParticipantSource rows = InMemoryParticipantSource.of("timeless", Map.of("id", "p1"), Map.of("id", "p1"));
    ExportService exports = fx.builder().participantSource(rows)
        .operationDirectory(InMemoryOperationDirectory.of(timeless)).build();

    OperationStatistics figures = exports.statistics(ZoneOffset.UTC).operation("timeless").orElseThrow();

    assertThat(figures).isEqualTo(new OperationStatistics("timeless", 2, 1, null, null, null, Map.of()));
  }

  /** A host that answers from its database: fixed figures, without a participant source. */
  private static class HostCounts implements StatisticsSource {
    @Override
    public OperationStatistics operation(Operation operation, ZoneId zone) {
      Long winners = operation.kind() == GameKind.INSTANT_WIN ? 7L : null;
      return new OperationStatistics(operation.id(), 1_000_000, 40, winners, null, null, Map.of());
    }

    @Override
    public long distinctParticipants(List<Operation> operations) {
      return 42;
    }
  }
}
