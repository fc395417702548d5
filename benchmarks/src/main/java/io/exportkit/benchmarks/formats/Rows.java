package io.exportkit.benchmarks.formats;

import static io.exportkit.FieldScope.PARTICIPANT;
import static io.exportkit.FieldScope.PARTICIPATION;

import io.exportkit.Destination;
import io.exportkit.Entitlements;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportRun;
import io.exportkit.ExportService;
import io.exportkit.ExportType;
import io.exportkit.FieldDefinition;
import io.exportkit.FieldType;
import io.exportkit.FormatSpec;
import io.exportkit.GameKind;
import io.exportkit.Operation;
import io.exportkit.OperationDirectory;
import io.exportkit.ParticipantRecord;
import io.exportkit.ParticipantSource;
import io.exportkit.SourceQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One million participations of twelve fields, made once per trial and shared by every benchmark:
 * ids, names, e-mails, cities with accents, quotes and commas now and then, a date of birth, a
 * score, an amount, a flag and a date-time, with a few nulls. Also runs them through a whole
 * export, as a host would.
 */
@State(Scope.Benchmark)
public class Rows {

  /** Rows per benchmark operation. */
  public static final int COUNT = 1_000_000;

  static final Operation QUIZ = new Operation("quiz", "Big quiz", GameKind.QUIZ,
      Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-06-30T22:00:00Z"), List.of(
          new FieldDefinition("id", "Id", FieldType.INTEGER, PARTICIPATION),
          new FieldDefinition("participant", "Participant", FieldType.STRING, PARTICIPANT),
          new FieldDefinition("email", "E-mail", FieldType.STRING, PARTICIPANT),
          new FieldDefinition("first_name", "First name", FieldType.STRING, PARTICIPANT),
          new FieldDefinition("last_name", "Last name", FieldType.STRING, PARTICIPANT),
          new FieldDefinition("city", "City", FieldType.STRING, PARTICIPANT),
          new FieldDefinition("country", "Country", FieldType.STRING, PARTICIPANT),
          new FieldDefinition("born", "Born", FieldType.DATE, PARTICIPANT),
          new FieldDefinition("score", "Score", FieldType.INTEGER, PARTICIPATION),
          new FieldDefinition("amount", "Amount", FieldType.DECIMAL, PARTICIPATION),
          new FieldDefinition("won", "Won", FieldType.BOOLEAN, PARTICIPATION),
          new FieldDefinition("participated_at", "Participated at", FieldType.DATE_TIME, PARTICIPATION)));

  static final String[] LABELS = QUIZ.fields().stream().map(FieldDefinition::label).toArray(String[]::new);
  static final String[] NAMES = QUIZ.fields().stream().map(FieldDefinition::name).toArray(String[]::new);

  /** The values of each row, in field order, for the bare libraries. */
  @Nullable Object[][] values;
  /** The same rows as records, for our writers. */
  List<ParticipantRecord> records;

  @Setup(Level.Trial)
  public void make() {
    String[] first = {"Ann", "Bob", "Zoë", "Jürgen", "Chloé", "Oğuz", "Li", "Amaury", "Émilie", "Sven"};
    String[] last = {"Smith", "O'Brien", "Brontë", "Dupont, Jr", "Müller", "Nguyễn", "García", "Kowalski"};
    String[] cities = {"Paris", "Málaga", "Köln", "New \"York\"", "São Paulo", "Lyon", "Zürich", "Tōkyō"};
    String[] countries = {"FR", "ES", "DE", "US", "BR", "CH", "JP"};
    Random random = new Random(20260501);
    long start = QUIZ.start().getEpochSecond();
    values = new Object[COUNT][];
    List<ParticipantRecord> list = new ArrayList<>(COUNT);
    for (int i = 0; i < COUNT; i++) {
      int participant = random.nextInt(400_000);
      @Nullable Object[] row = {
          (long) i + 1,
          "p-" + participant,
          random.nextInt(20) == 0 ? null : "player" + participant + "@example.org",
          first[random.nextInt(first.length)],
          last[random.nextInt(last.length)],
          cities[random.nextInt(cities.length)],
          countries[random.nextInt(countries.length)],
          LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28)),
          (long) random.nextInt(10_000),
          BigDecimal.valueOf(random.nextInt(100_000), 2),
          random.nextInt(10) == 0,
          Instant.ofEpochSecond(start + random.nextInt(60 * 86_400), random.nextInt(1000) * 1_000_000L)};
      values[i] = row;
      list.add(ParticipantRecord.of(row));
    }
    records = List.copyOf(list);
  }

  /** A service that exports these rows to {@code null:} through every discovered provider. */
  ExportService service() {
    ParticipantSource source = (SourceQuery query) -> records.stream();
    return ExportService.builder()
        .participantSource(source)
        .operationDirectory(new OperationDirectory() {
          @Override
          public Optional<Operation> find(String operationId) {
            return operationId.equals(QUIZ.id()) ? Optional.of(QUIZ) : Optional.empty();
          }

          @Override
          public List<Operation> list() {
            return List.of(QUIZ);
          }
        })
        .entitlements(Entitlements.ALL)
        .transport(new NullTransport())
        .progressInterval(COUNT)
        .discoverProviders()
        .build();
  }

  /** Creates and publishes an immediate rapid export of these rows; returns its id, to run again with runNow. */
  static String publish(ExportService service, String format, String compression) {
    ExportDefinition definition = ExportDefinition.builder()
        .name("bench-" + format)
        .type(ExportType.RAPID)
        .operation(QUIZ.id())
        .format(FormatSpec.of(format))
        .compression(compression)
        .destination(Destination.of("null:/out/"))
        .build();
    String id = service.create(definition).id();
    service.publish(id);
    return id;
  }

  /** Runs the export again and fails loudly if it did not deliver every row. */
  static ExportRun rerun(ExportService service, String id) {
    ExportRun run = service.runNow(id);
    if (!run.succeeded() || run.rows() != COUNT) {
      throw new IllegalStateException("the export failed: " + run.error());
    }
    return run;
  }
}
