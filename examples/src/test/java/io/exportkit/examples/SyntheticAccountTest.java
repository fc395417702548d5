package io.exportkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exportkit.Content;
import io.exportkit.FieldDefinition;
import io.exportkit.GameKind;
import io.exportkit.Operation;
import io.exportkit.ParticipantRecord;
import io.exportkit.Period;
import io.exportkit.SourceQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class SyntheticAccountTest {
  private static final List<String> ALL_OPERATIONS =
      List.of(SyntheticAccount.INSTANT_WIN, SyntheticAccount.QUIZ, SyntheticAccount.SWEEPSTAKES);

  @Test
  void directoryHoldsThreeOperationsWhosePeriodsOverlapInPart() {
    SyntheticAccount account = new SyntheticAccount(42, 10);

    List<Operation> operations = account.list();

    assertThat(operations).extracting(Operation::id).containsExactlyElementsOf(ALL_OPERATIONS);
    assertThat(operations).extracting(Operation::kind)
        .containsExactly(GameKind.INSTANT_WIN, GameKind.QUIZ, GameKind.SWEEPSTAKES);
    assertThat(operations.get(0).end()).isAfter(operations.get(1).start());
    assertThat(operations.get(1).end()).isAfter(operations.get(2).start());
    assertThat(operations.get(0).end()).isBefore(operations.get(2).start());
    assertThat(account.find(SyntheticAccount.QUIZ).orElseThrow().field("score")).isPresent();
    assertThat(account.find("nope")).isEmpty();
  }

  @Test
  void sameSeedGivesTheSameRowsAndAnotherSeedOtherRows() {
    SourceQuery query = query(ALL_OPERATIONS, Content.ALL_PARTICIPATIONS, null, allFields());

    List<ParticipantRecord> first = rows(new SyntheticAccount(7, 300), query);
    List<ParticipantRecord> again = rows(new SyntheticAccount(7, 300), query);
    List<ParticipantRecord> other = rows(new SyntheticAccount(8, 300), query);

    assertThat(first).hasSize(900).isEqualTo(again).isNotEqualTo(other);
  }

  @Test
  void allParticipationsAndParticipantsOnlyGiveOneRowPerParticipant() {
    SyntheticAccount account = new SyntheticAccount(42, 1_000);

    long participations = count(account, query(List.of(SyntheticAccount.QUIZ), Content.ALL_PARTICIPATIONS, null, allFields()));
    long participants = count(account, query(ALL_OPERATIONS, Content.PARTICIPANTS, null, List.of("operation", "id", "email")));

    assertThat(participations).isEqualTo(1_000);
    assertThat(participants).isEqualTo(1_000);
  }

  @Test
  void winnersAreTheInstantWinParticipationsThatWonAboutOneInTen() {
    SyntheticAccount account = new SyntheticAccount(42, 10_000);

    List<ParticipantRecord> winners = rows(account,
        query(List.of(SyntheticAccount.INSTANT_WIN), Content.WINNERS, null, List.of("won", "prize")));

    assertThat(winners).hasSizeBetween(800, 1_200).allSatisfy(row -> {
      assertThat(row.get(0)).isEqualTo(true);
      assertThat(row.get(1)).isInstanceOf(String.class);
    });
  }

  @Test
  void participantsAreSharedAcrossOperations() {
    SyntheticAccount account = new SyntheticAccount(42, 50);
    List<String> fields = List.of("id", "email", "first_name", "last_name", "phone", "birth_date", "opt_in");

    List<ParticipantRecord> instantWin = rows(account, query(List.of(SyntheticAccount.INSTANT_WIN), Content.PARTICIPANTS, null, fields));
    List<ParticipantRecord> sweepstakes = rows(account, query(List.of(SyntheticAccount.SWEEPSTAKES), Content.PARTICIPANTS, null, fields));

    assertThat(instantWin).isEqualTo(sweepstakes);
    assertThat(instantWin).extracting(row -> row.get(1)).doesNotHaveDuplicates();
  }

  @Test
  void valuesFollowTheQueriedFieldOrderWithTheirFieldTypes() {
    SyntheticAccount account = new SyntheticAccount(42, 1);

    ParticipantRecord row = rows(account, query(List.of(SyntheticAccount.QUIZ), Content.ALL_PARTICIPATIONS, null,
        List.of("score", "operation", "participated_at", "email", "id", "birth_date", "won", "prize"))).get(0);

    assertThat(row.get(0)).isInstanceOf(Long.class);
    assertThat(row.get(1)).isEqualTo(SyntheticAccount.QUIZ);
    assertThat(row.get(2)).isInstanceOf(Instant.class);
    assertThat((String) row.get(3)).contains("@");
    assertThat(row.get(4)).isEqualTo(1L);
    assertThat(row.get(5)).isInstanceOf(LocalDate.class);
    assertThat(row.get(6)).isInstanceOf(Boolean.class);
    assertThat(row.get(7)).as("a quiz awards no prize").isNull();
  }

  @Test
  void periodKeepsTheParticipationsWhoseDayInTheZoneLiesInIt() {
    SyntheticAccount account = new SyntheticAccount(42, 2_000);
    ZoneId paris = ZoneId.of("Europe/Paris");
    Period may = Period.parse("2026-05-01/2026-05-31");

    List<ParticipantRecord> rows = rows(account,
        new SourceQuery(ALL_OPERATIONS, Content.ALL_PARTICIPATIONS, may, List.of("operation", "participated_at"), paris));

    assertThat(rows).isNotEmpty().allSatisfy(row ->
        assertThat(may.contains(((Instant) row.get(1)).atZone(paris).toLocalDate())).isTrue());
    assertThat(rows).extracting(row -> row.get(0)).containsOnly(SyntheticAccount.INSTANT_WIN, SyntheticAccount.QUIZ);
  }

  @Test
  void rowsStreamSoAMillionAreCountedWithoutBeingHeld() {
    SyntheticAccount account = new SyntheticAccount(42, 1_000_000);
    long counted = 0;

    try (Stream<ParticipantRecord> rows = account.open(
        query(List.of(SyntheticAccount.INSTANT_WIN), Content.ALL_PARTICIPATIONS, null, allFields()))) {
      Iterator<ParticipantRecord> it = rows.iterator();
      while (it.hasNext()) {
        it.next();
        counted++;
      }
    }

    assertThat(counted).isEqualTo(1_000_000);
  }

  @Test
  void valuesHoldWhatRealExportsMeet() {
    SyntheticAccount account = new SyntheticAccount(42, 2_000);
    List<String> strings = new ArrayList<>();
    long missingPhones = 0;

    for (String operation : ALL_OPERATIONS) {
      List<String> fields = account.find(operation).orElseThrow().fields().stream().map(FieldDefinition::name).toList();
      for (ParticipantRecord row : rows(account, query(List.of(operation), Content.ALL_PARTICIPATIONS, null, fields))) {
        for (int i = 0; i < row.size(); i++) {
          if (row.get(i) instanceof String s) {
            strings.add(s);
          }
        }
        missingPhones += row.get(fields.indexOf("phone")) == null ? 1 : 0;
      }
    }

    assertThat(strings).anyMatch(s -> s.contains(",")).anyMatch(s -> s.contains("\"")).anyMatch(s -> s.contains("\n"))
        .anyMatch(s -> s.contains("é")).anyMatch(s -> s.contains("ß")).anyMatch(s -> s.contains("ñ"))
        .anyMatch(s -> s.contains("中文")).anyMatch(s -> s.contains("🎉"))
        .anyMatch(s -> s.startsWith("=")).anyMatch(s -> s.startsWith("+")).anyMatch(s -> s.startsWith("-"))
        .anyMatch(s -> s.startsWith("@"));
    assertThat(missingPhones).isPositive();
  }

  @Test
  void unknownOperationOrFieldIsRefused() {
    SyntheticAccount account = new SyntheticAccount(42, 1);

    assertThatThrownBy(() -> account.open(query(List.of("lottery"), Content.ALL_PARTICIPATIONS, null, List.of("id"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lottery");
    assertThatThrownBy(() -> account.open(query(List.of(SyntheticAccount.QUIZ), Content.ALL_PARTICIPATIONS, null, List.of("shoe_size"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shoe_size");
  }

  private static List<String> allFields() {
    return List.of("id", "email", "first_name", "last_name", "phone", "birth_date", "opt_in", "participated_at", "won",
        "prize", "score", "answer");
  }

  private static SourceQuery query(List<String> operations, Content content, @Nullable Period period, List<String> fields) {
    return new SourceQuery(operations, content, period, fields, ZoneOffset.UTC);
  }

  private static List<ParticipantRecord> rows(SyntheticAccount account, SourceQuery query) {
    try (Stream<ParticipantRecord> rows = account.open(query)) {
      return rows.toList();
    }
  }

  private static long count(SyntheticAccount account, SourceQuery query) {
    try (Stream<ParticipantRecord> rows = account.open(query)) {
      return rows.mapToLong(row -> 1).sum();
    }
  }
}
