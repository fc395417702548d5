package io.exportkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.exportkit.Content;
import io.exportkit.ParticipantRecord;
import io.exportkit.Period;
import io.exportkit.SourceQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class InMemoryParticipantSourceTest {
  private final InMemoryParticipantSource source = InMemoryParticipantSource.builder()
      .operation("summer")
      .participation(Map.of("id", "p1", "won", false, "participated_at", Instant.parse("2026-05-02T10:00:00Z")))
      .participation(Map.of("id", "p2", "won", true, "participated_at", Instant.parse("2026-05-02T22:30:00Z")))
      .participation(Map.of("id", "p1", "won", true, "participated_at", Instant.parse("2026-05-04T12:00:00Z")))
      .operation("quiz")
      .participation(Map.of("id", "p1", "score", 7L, "participated_at", Instant.parse("2026-05-03T09:00:00Z")))
      .build();

  @Test
  void allParticipationsComeOperationByOperationProjectedOnTheQueriedFields() {
    SourceQuery query = query(List.of("quiz", "summer"), Content.ALL_PARTICIPATIONS, null, List.of("won", "id"));

    List<ParticipantRecord> rows = read(query);

    assertThat(rows).containsExactly(
        ParticipantRecord.of(null, "p1"),
        ParticipantRecord.of(false, "p1"),
        ParticipantRecord.of(true, "p2"),
        ParticipantRecord.of(true, "p1"));
  }

  @Test
  void participantsOnlyKeepsTheFirstRowOfEachParticipant() {
    SourceQuery query = query(List.of("summer"), Content.PARTICIPANTS, null, List.of("id", "won"));

    List<ParticipantRecord> rows = read(query);

    assertThat(rows).containsExactly(ParticipantRecord.of("p1", false), ParticipantRecord.of("p2", true));
  }

  @Test
  void participantsOnlyOverSeveralOperationsGivesEachParticipantOnceUnderTheFirstOperation() {
    SourceQuery query = query(List.of("quiz", "summer"), Content.PARTICIPANTS, null, List.of(SourceQuery.OPERATION_FIELD, "id"));

    List<ParticipantRecord> rows = read(query);

    assertThat(rows).containsExactly(ParticipantRecord.of("quiz", "p1"), ParticipantRecord.of("summer", "p2"));
  }

  @Test
  void participantsAreToldApartByTheConfiguredField() {
    InMemoryParticipantSource players = InMemoryParticipantSource.builder()
        .participantIdField("player")
        .operation("summer")
        .participation(Map.of("player", "ann", "round", 1L))
        .participation(Map.of("player", "ann", "round", 2L))
        .build();

    List<ParticipantRecord> rows = read(players, query(List.of("summer"), Content.PARTICIPANTS, null, List.of("round")));

    assertThat(rows).containsExactly(ParticipantRecord.of(1L));
  }

  @Test
  void winnersOnlyKeepsTheRowsThatWon() {
    SourceQuery query = query(List.of("summer"), Content.WINNERS, null, List.of("id"));

    List<ParticipantRecord> rows = read(query);

    assertThat(rows).containsExactly(ParticipantRecord.of("p2"), ParticipantRecord.of("p1"));
  }

  @Test
  void aPeriodKeepsTheParticipationsOfItsDaysInTheQueryZone() {
    SourceQuery query = new SourceQuery(List.of("summer"), Content.ALL_PARTICIPATIONS,
        Period.of(LocalDate.of(2026, 5, 3), LocalDate.of(2026, 5, 4)), List.of("id"), ZoneId.of("Europe/Paris"));

    List<ParticipantRecord> rows = read(query);

    assertThat(rows).as("22:30 UTC on May 2 is May 3 in Paris").containsExactly(ParticipantRecord.of("p2"), ParticipantRecord.of("p1"));
  }

  @Test
  void theOperationFieldGivesTheOperationId() {
    SourceQuery query = query(List.of("quiz"), Content.ALL_PARTICIPATIONS, null, List.of(SourceQuery.OPERATION_FIELD, "score"));

    List<ParticipantRecord> rows = read(query);

    assertThat(rows).containsExactly(ParticipantRecord.of("quiz", 7L));
  }

  @Test
  void nullValuesArePassedOn() {
    Map<String, Object> row = new HashMap<>();
    row.put("id", "p1");
    row.put("email", null);
    InMemoryParticipantSource withNull = InMemoryParticipantSource.of("summer", row);

    List<ParticipantRecord> rows = read(withNull, query(List.of("summer"), Content.ALL_PARTICIPATIONS, null, List.of("id", "email")));

    assertThat(rows).containsExactly(ParticipantRecord.of("p1", null));
  }

  @Test
  void failingAfterThrowsMidStreamAndCountsWhatWasStreamed() {
    source.failingAfter(2);
    SourceQuery query = query(List.of("summer"), Content.ALL_PARTICIPATIONS, null, List.of("id"));

    Throwable thrown;
    try (Stream<ParticipantRecord> rows = source.open(query)) {
      thrown = catchThrowable(rows::toList);
    }

    assertThat(thrown).isInstanceOf(RuntimeException.class).hasMessageContaining("fail after 2 rows");
    assertThat(source.opens()).isEqualTo(1);
    assertThat(source.rowsStreamed()).isEqualTo(2);
    assertThat(source.closes()).isEqualTo(1);
  }

  @Test
  void rowsAreCountedAsTheCallerPulls() {
    SourceQuery query = query(List.of("summer"), Content.ALL_PARTICIPATIONS, null, List.of("id"));

    try (Stream<ParticipantRecord> rows = source.open(query)) {
      rows.limit(1).forEach(row -> { });
    }

    assertThat(source.rowsStreamed()).isEqualTo(1);
  }

  private List<ParticipantRecord> read(SourceQuery query) {
    return read(source, query);
  }

  private static List<ParticipantRecord> read(InMemoryParticipantSource source, SourceQuery query) {
    try (Stream<ParticipantRecord> rows = source.open(query)) {
      return rows.toList();
    }
  }

  private static SourceQuery query(List<String> operations, Content content, @Nullable Period period, List<String> fields) {
    return new SourceQuery(operations, content, period, fields, ZoneOffset.UTC);
  }
}
