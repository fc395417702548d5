package io.exportkit.format;

import static io.exportkit.FieldScope.PARTICIPANT;
import static io.exportkit.FieldScope.PARTICIPATION;

import io.exportkit.FieldDefinition;
import io.exportkit.FieldType;
import io.exportkit.GameKind;
import io.exportkit.Operation;
import io.exportkit.ParticipantRecord;
import io.exportkit.ParticipantSource;
import io.exportkit.SourceQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A participant source that makes its rows as they are pulled, so that it holds none: {@code rows}
 * participations of {@link #OPERATION}'s twelve fields, cheap to make (texts from small pools,
 * boxed counters), with a null now and then.
 */
final class GeneratedParticipants implements ParticipantSource {

  static final Operation OPERATION = new Operation("quiz", "Big quiz", GameKind.QUIZ,
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

  private static final List<String> FIRST = List.of("Ann", "Bob", "Zoë", "Jürgen", "Chloé", "Oğuz", "Li", "Amaury");
  private static final List<String> LAST = List.of("Smith", "O'Brien", "Brontë", "Dupont, Jr", "Müller", "Nguyễn");
  private static final List<String> CITIES = List.of("Paris", "Málaga", "Köln", "New \"York\"", "São Paulo", "東京");
  private static final List<String> COUNTRIES = List.of("FR", "ES", "DE", "US", "BR", "JP");
  private static final List<BigDecimal> AMOUNTS = List.of(new BigDecimal("0.00"), new BigDecimal("12.50"),
      new BigDecimal("-3.75"), new BigDecimal("1999.99"));
  private static final LocalDate FIRST_BIRTHDAY = LocalDate.of(1950, 1, 1);
  private static final long START = OPERATION.start().getEpochSecond();

  private final long rows;

  GeneratedParticipants(long rows) {
    this.rows = rows;
  }

  @Override
  public Stream<ParticipantRecord> open(SourceQuery query) {
    if (!query.fields().equals(OPERATION.fields().stream().map(FieldDefinition::name).toList())) {
      throw new IllegalArgumentException("this source serves all of " + OPERATION.id() + "'s fields, in order");
    }
    return LongStream.range(0, rows).mapToObj(GeneratedParticipants::row);
  }

  private static ParticipantRecord row(long i) {
    int n = (int) (i % 5_040);
    return ParticipantRecord.of(i, "p" + (i % 1_000_000), n % 17 == 0 ? null : "user" + n + "@example.org",
        FIRST.get(n % FIRST.size()), LAST.get(n % LAST.size()), CITIES.get(n % CITIES.size()),
        COUNTRIES.get(n % COUNTRIES.size()), FIRST_BIRTHDAY.plusDays(n * 7L), (long) (n % 1_000),
        AMOUNTS.get(n % AMOUNTS.size()), n % 3 == 0, Instant.ofEpochSecond(START + i));
  }
}
