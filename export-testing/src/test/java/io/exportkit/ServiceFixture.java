package io.exportkit;

import static io.exportkit.FieldScope.PARTICIPANT;
import static io.exportkit.FieldScope.PARTICIPATION;

import io.exportkit.testing.InMemoryOperationDirectory;
import io.exportkit.testing.InMemoryParticipantSource;
import io.exportkit.testing.InMemoryTransport;
import io.exportkit.testing.LinesFormat;
import io.exportkit.testing.MutableClock;
import io.exportkit.testing.RecordingExportListener;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The fakes behind a service under test, fresh for each test, and the definitions tests start from. */
final class ServiceFixture {
  static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
  static final Instant PLANNED_AT = Instant.parse("2026-07-01T06:00:00Z");

  static final Operation SUMMER = new Operation("summer", "Summer instant win", GameKind.INSTANT_WIN,
      Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-08-31T22:00:00Z"), List.of(
          new FieldDefinition("id", "Id", FieldType.STRING, PARTICIPANT),
          new FieldDefinition("email", "E-mail", FieldType.STRING, PARTICIPANT),
          new FieldDefinition("participated_at", "Date", FieldType.DATE_TIME, PARTICIPATION),
          new FieldDefinition("won", "Won", FieldType.BOOLEAN, PARTICIPATION)));

  static final Operation QUIZ = new Operation("quiz", "Spring quiz", GameKind.QUIZ,
      Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-06-30T22:00:00Z"), List.of(
          new FieldDefinition("id", "Id", FieldType.STRING, PARTICIPANT),
          new FieldDefinition("email", "E-mail", FieldType.STRING, PARTICIPANT),
          new FieldDefinition("participated_at", "Date", FieldType.DATE_TIME, PARTICIPATION),
          new FieldDefinition("score", "Score", FieldType.INTEGER, PARTICIPATION)));

  /** What a rapid export of {@link #SUMMER} delivers, given {@link #participations()}. */
  static final String SUMMER_LINES = """
      Id,E-mail,Date,Won
      p1,ann@example.org,2026-05-02T10:00:00Z,false
      p2,bob@example.org,2026-05-03T11:00:00Z,true
      p1,ann@example.org,2026-05-04T12:00:00Z,true
      p3,cy@example.org,2026-05-05T13:00:00Z,false
      """;

  final MutableClock clock = MutableClock.at(NOW);
  final InMemoryOperationDirectory directory = InMemoryOperationDirectory.of(SUMMER, QUIZ);
  final InMemoryParticipantSource source = participations();
  final InMemoryTransport transport = new InMemoryTransport();
  final RecordingExportListener listener = new RecordingExportListener();

  /** A service builder wired to this fixture's fakes, the lines format and the planned trigger. */
  ExportService.Builder builder() {
    return ExportService.builder()
        .participantSource(source)
        .operationDirectory(directory)
        .clock(clock)
        .entitlements(Entitlements.ALL)
        .format(new LinesFormat())
        .transport(transport)
        .triggerPolicy(new PlannedTriggerPolicy())
        .listener(listener);
  }

  /** An immediate rapid export of {@link #SUMMER} to {@code memory:out}, one file per run. */
  static ExportDefinition.Builder rapid(String name) {
    return ExportDefinition.builder()
        .name(name)
        .type(ExportType.RAPID)
        .operation(SUMMER.id())
        .format(LinesFormat.ID)
        .naming("{export}_{run}.{ext}")
        .destination(Destination.of("memory:out"));
  }

  /** {@link #rapid} as a custom export of two fields. */
  static ExportDefinition.Builder custom(String name) {
    return rapid(name).type(ExportType.CUSTOM).fields(ExportField.of("email"), ExportField.of("won"));
  }

  /** Fires at {@link #PLANNED_AT}, a month after {@link #NOW}. */
  static Trigger planned() {
    return Trigger.planned(LocalDateTime.ofInstant(PLANNED_AT, ZoneOffset.UTC), ZoneOffset.UTC);
  }

  static InMemoryParticipantSource participations() {
    return InMemoryParticipantSource.builder()
        .operation(SUMMER.id())
        .participation(row("p1", "ann@example.org", "2026-05-02T10:00:00Z", Map.of("won", false)))
        .participation(row("p2", "bob@example.org", "2026-05-03T11:00:00Z", Map.of("won", true)))
        .participation(row("p1", "ann@example.org", "2026-05-04T12:00:00Z", Map.of("won", true)))
        .participation(row("p3", "cy@example.org", "2026-05-05T13:00:00Z", Map.of("won", false)))
        .operation(QUIZ.id())
        .participation(row("p1", "ann@example.org", "2026-05-02T09:00:00Z", Map.of("score", 7L)))
        .participation(row("p4", "dan@example.org", "2026-05-06T09:00:00Z", Map.of("score", 9L)))
        .build();
  }

  private static Map<String, Object> row(String id, String email, String participatedAt, Map<String, Object> more) {
    Map<String, Object> row = new HashMap<>(more);
    row.put("id", id);
    row.put("email", email);
    row.put("participated_at", Instant.parse(participatedAt));
    return row;
  }
}
