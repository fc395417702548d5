package io.exportkit.examples;

import io.exportkit.Content;
import io.exportkit.FieldDefinition;
import io.exportkit.FieldScope;
import io.exportkit.FieldType;
import io.exportkit.GameKind;
import io.exportkit.Operation;
import io.exportkit.OperationDirectory;
import io.exportkit.ParticipantRecord;
import io.exportkit.ParticipantSource;
import io.exportkit.Period;
import io.exportkit.SourceQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * A deterministic synthetic account, standing in for the host's database: three operations and
 * {@code participants} people who each took part once in every operation. The seed decides every
 * value, so the same seed and count always give the same rows.
 *
 * <p>The operations, all in 2026 (UTC, start included, end excluded), overlap in part so that a
 * global export over a period picks some of them:
 * <ul>
 *   <li>{@value #INSTANT_WIN}: March to May, an instant-win game; about 10% of participations win a
 *       prize;
 *   <li>{@value #QUIZ}: May to July; a score out of 10 (10 wins) and a free-text answer;
 *   <li>{@value #SWEEPSTAKES}: July to September; a free-text answer, about 1% drawn winners.
 * </ul>
 *
 * <p>Values hold what real exports meet: commas, double quotes, line breaks, non-ASCII letters,
 * an emoji, cells a spreadsheet would run as formulas ({@code =}, {@code +}, {@code -}, {@code @}),
 * and missing values (no phone for about one person in five).
 *
 * <p>Rows are streamed: each one is computed from (seed, operation, index) when it is pulled, so
 * nothing is held in memory whatever the count. Immutable and thread-safe.
 */
public final class SyntheticAccount implements OperationDirectory, ParticipantSource {

  public static final String INSTANT_WIN = "instant-win";
  public static final String QUIZ = "quiz";
  public static final String SWEEPSTAKES = "sweepstakes";

  private static final FieldDefinition ID = field("id", "ID", FieldType.INTEGER, FieldScope.PARTICIPANT);
  private static final FieldDefinition EMAIL = field("email", "E-mail", FieldType.STRING, FieldScope.PARTICIPANT);
  private static final FieldDefinition FIRST_NAME = field("first_name", "First name", FieldType.STRING, FieldScope.PARTICIPANT);
  private static final FieldDefinition LAST_NAME = field("last_name", "Last name", FieldType.STRING, FieldScope.PARTICIPANT);
  private static final FieldDefinition PHONE = field("phone", "Phone", FieldType.STRING, FieldScope.PARTICIPANT);
  private static final FieldDefinition BIRTH_DATE = field("birth_date", "Birth date", FieldType.DATE, FieldScope.PARTICIPANT);
  private static final FieldDefinition OPT_IN = field("opt_in", "Opt-in", FieldType.BOOLEAN, FieldScope.PARTICIPANT);
  private static final FieldDefinition PARTICIPATED_AT =
      field("participated_at", "Participated at", FieldType.DATE_TIME, FieldScope.PARTICIPATION);
  private static final FieldDefinition WON = field("won", "Won", FieldType.BOOLEAN, FieldScope.PARTICIPATION);
  private static final FieldDefinition PRIZE = field("prize", "Prize", FieldType.STRING, FieldScope.PARTICIPATION);
  private static final FieldDefinition SCORE = field("score", "Score", FieldType.INTEGER, FieldScope.PARTICIPATION);
  private static final FieldDefinition ANSWER = field("answer", "Answer", FieldType.STRING, FieldScope.PARTICIPATION);

  private static final List<Operation> OPERATIONS = List.of(
      operation(INSTANT_WIN, "Spring instant win", GameKind.INSTANT_WIN, "2026-03-01T00:00:00Z", "2026-06-01T00:00:00Z", PRIZE),
      operation(QUIZ, "Summer quiz", GameKind.QUIZ, "2026-05-01T00:00:00Z", "2026-08-01T00:00:00Z", SCORE, ANSWER),
      operation(SWEEPSTAKES, "Late-summer sweepstakes", GameKind.SWEEPSTAKES, "2026-07-01T00:00:00Z",
          "2026-10-01T00:00:00Z", ANSWER));

  // First names and their ASCII forms for e-mail addresses, index for index.
  private static final String[] FIRST_NAMES = {"Amélie", "Jürgen", "Iñaki", "Chloé", "François", "Zoë", "Søren",
      "María José", "小明", "Noémie", "Liam", "Olivia", "Émile", "Björn", "Ana", "Yusuf"};
  private static final String[] FIRST_SLUGS = {"amelie", "jurgen", "inaki", "chloe", "francois", "zoe", "soren",
      "mariajose", "xiaoming", "noemie", "liam", "olivia", "emile", "bjorn", "ana", "yusuf"};
  private static final String[] LAST_NAMES = {"Müller", "Weiß", "Peña", "O'Connor", "Dupont, Jr.", "王", "Nguyễn",
      "Smith", "Łukasiewicz", "García-Márquez", "van der Berg", "Martin", "Østergaard", "Rossi"};
  private static final String[] LAST_SLUGS = {"muller", "weiss", "pena", "oconnor", "dupont", "wang", "nguyen",
      "smith", "lukasiewicz", "garciamarquez", "vanderberg", "martin", "ostergaard", "rossi"};
  private static final String[] DOMAINS = {"example.com", "example.org", "mail.example.net", "exemple.fr"};
  private static final String[] PRIZES = {"Voucher €10", "T-shirt \"Summer\" edition", "Mug, blue", "Café gourmand for two",
      "🎁 Mystery box", "Cinema tickets ×2", "Weekend in Málaga", "-50% coupon", "@home cooking kit"};
  private static final String[] ANSWERS = {"Yes, of course", "He said \"hello\"", "Line one\nLine two",
      "Windows line\r\nbreak", "Crème brûlée, s'il vous plaît", "Straße", "mañana", "中文答案", "I love it 🎉", "=1+2",
      "@SUM(A1:A9)", "-42", "+1 for this one", "\tindented", "Paris", "42"};

  private static final long FIRST_BIRTH_DAY = LocalDate.of(1950, 1, 1).toEpochDay();
  private static final int BIRTH_DAYS = (int) (LocalDate.of(2008, 12, 31).toEpochDay() - FIRST_BIRTH_DAY + 1);

  private final long seed;
  private final long participants;

  /**
   * @param seed decides every value
   * @param participants how many people take part, once in each operation
   * @throws IllegalArgumentException when {@code participants} is negative
   */
  public SyntheticAccount(long seed, long participants) {
    if (participants < 0) {
      throw new IllegalArgumentException("participants must be >= 0: " + participants);
    }
    this.seed = seed;
    this.participants = participants;
  }

  public long seed() {
    return seed;
  }

  public long participants() {
    return participants;
  }

  @Override
  public Optional<Operation> find(String operationId) {
    Objects.requireNonNull(operationId, "operationId");
    return OPERATIONS.stream().filter(o -> o.id().equals(operationId)).findFirst();
  }

  @Override
  public List<Operation> list() {
    return OPERATIONS;
  }

  /**
   * Streams the rows of {@code query}: the operations in its order, each participant by index.
   * All participations and winners give one row per participation that matches; participants only
   * gives each person once, with the first queried operation they took part in. A period keeps the
   * participations whose day, in the query's zone, lies in it.
   *
   * @throws IllegalArgumentException when the query names an operation or field this account lacks
   */
  @Override
  public Stream<ParticipantRecord> open(SourceQuery query) {
    Objects.requireNonNull(query, "query");
    List<Game> games = new ArrayList<>();
    for (String id : query.operationIds()) {
      int index = indexOf(id);
      games.add(new Game(OPERATIONS.get(index), mix(seed ^ (0x5DEECE66DL * (index + 1)))));
    }
    Field[] fields = query.fields().stream().map(SyntheticAccount::fieldOf).toArray(Field[]::new);
    Spliterator<ParticipantRecord> rows = query.content() == Content.PARTICIPANTS
        ? new ParticipantRows(games, fields, Window.of(query))
        : new ParticipationRows(games, fields, Window.of(query), query.content() == Content.WINNERS);
    return StreamSupport.stream(rows, false);
  }

  private static int indexOf(String operationId) {
    for (int i = 0; i < OPERATIONS.size(); i++) {
      if (OPERATIONS.get(i).id().equals(operationId)) {
        return i;
      }
    }
    throw new IllegalArgumentException("the synthetic account has no operation '" + operationId + "'");
  }

  private static Field fieldOf(String name) {
    for (Field field : Field.values()) {
      if (field.name.equals(name)) {
        return field;
      }
    }
    throw new IllegalArgumentException("the synthetic account has no field '" + name + "'");
  }

  /** The person at {@code index}: the same in every operation. */
  private Person person(long index) {
    SplittableRandom random = new SplittableRandom(mix(mix(seed) + index));
    int first = random.nextInt(FIRST_NAMES.length);
    int last = random.nextInt(LAST_NAMES.length);
    int domain = random.nextInt(DOMAINS.length);
    int phoneKind = random.nextInt(10);
    int phoneDigits = random.nextInt(100_000_000);
    long birthDay = FIRST_BIRTH_DAY + random.nextInt(BIRTH_DAYS);
    boolean optIn = random.nextInt(3) != 0;
    return new Person(index + 1, first, last, domain, phoneKind, phoneDigits, birthDay, optIn);
  }

  /** The participation of the person at {@code index} in {@code game}. */
  private static Participation participation(Game game, long index) {
    SplittableRandom random = new SplittableRandom(mix(game.salt + index));
    long second = game.startSecond + random.nextLong(game.endSecond - game.startSecond);
    int luck = random.nextInt(100);
    int prize = random.nextInt(PRIZES.length);
    int score = random.nextInt(11);
    int answer = random.nextInt(ANSWERS.length + 2); // the last two mean "no answer"
    boolean won = switch (game.operation.kind()) {
      case INSTANT_WIN -> luck < 10;
      case QUIZ -> score == 10;
      default -> luck == 0;
    };
    return new Participation(second, won, prize, score, answer);
  }

  /** Stafford's variant 13 of the MurmurHash3 finaliser, as in SplittableRandom: spreads nearby seeds apart. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static FieldDefinition field(String name, String label, FieldType type, FieldScope scope) {
    return new FieldDefinition(name, label, type, scope);
  }

  private static Operation operation(String id, String name, GameKind kind, String start, String end,
      FieldDefinition... specific) {
    List<FieldDefinition> fields = new ArrayList<>(List.of(ID, EMAIL, FIRST_NAME, LAST_NAME, PHONE, BIRTH_DATE, OPT_IN,
        PARTICIPATED_AT, WON));
    fields.addAll(List.of(specific));
    return new Operation(id, name, kind, Instant.parse(start), Instant.parse(end), fields);
  }

  /** The fields a query may ask for, resolved once per query rather than by name per row. */
  private enum Field {
    ID("id"), EMAIL("email"), FIRST_NAME("first_name"), LAST_NAME("last_name"), PHONE("phone"),
    BIRTH_DATE("birth_date"), OPT_IN("opt_in"), PARTICIPATED_AT("participated_at"), WON("won"), PRIZE("prize"),
    SCORE("score"), ANSWER("answer"), OPERATION(SourceQuery.OPERATION_FIELD);

    final String name;

    Field(String name) {
      this.name = name;
    }
  }

  /** One queried operation, with its seed salt and its bounds in epoch seconds. */
  private static final class Game {
    final Operation operation;
    final long salt;
    final long startSecond;
    final long endSecond;

    Game(Operation operation, long salt) {
      this.operation = operation;
      this.salt = salt;
      this.startSecond = operation.start().getEpochSecond();
      this.endSecond = operation.end().getEpochSecond();
    }
  }

  /** The period of a query as epoch seconds, [from, to): comparing longs per row is cheaper than dates in a zone. */
  private record Window(long from, long to) {
    static Window of(SourceQuery query) {
      Period period = query.period();
      if (period == null) {
        return new Window(Long.MIN_VALUE, Long.MAX_VALUE);
      }
      return new Window(period.from().atStartOfDay(query.zone()).toEpochSecond(),
          period.to().plusDays(1).atStartOfDay(query.zone()).toEpochSecond());
    }

    boolean contains(long second) {
      return second >= from && second < to;
    }
  }

  private record Person(long id, int first, int last, int domain, int phoneKind, int phoneDigits, long birthDay,
      boolean optIn) {

    String email() {
      return FIRST_SLUGS[first] + '.' + LAST_SLUGS[last] + '.' + id + '@' + DOMAINS[domain];
    }

    @Nullable String phone() {
      if (phoneKind < 2) {
        return null;
      }
      StringBuilder phone = new StringBuilder(20);
      phone.append(phoneKind < 6 ? "+33 6" : phoneKind < 9 ? "06" : "+49 151");
      // Eight digits in pairs: "+33 6 12 34 56 78".
      for (int divisor = 1_000_000; divisor >= 1; divisor /= 100) {
        int pair = phoneDigits / divisor % 100;
        phone.append(' ').append((char) ('0' + pair / 10)).append((char) ('0' + pair % 10));
      }
      return phone.toString();
    }
  }

  private record Participation(long second, boolean won, int prize, int score, int answer) {
  }

  /** The values of one row, in the query's field order. */
  private static ParticipantRecord record(Field[] fields, Game game, Person person, @Nullable Participation participation) {
    Object[] values = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      values[i] = value(fields[i], game, person, participation);
    }
    return ParticipantRecord.of(values);
  }

  private static @Nullable Object value(Field field, Game game, Person person, @Nullable Participation participation) {
    GameKind kind = game.operation.kind();
    return switch (field) {
      case ID -> person.id();
      case EMAIL -> person.email();
      case FIRST_NAME -> FIRST_NAMES[person.first()];
      case LAST_NAME -> LAST_NAMES[person.last()];
      case PHONE -> person.phone();
      case BIRTH_DATE -> LocalDate.ofEpochDay(person.birthDay());
      case OPT_IN -> person.optIn();
      case OPERATION -> game.operation.id();
      case PARTICIPATED_AT -> participation == null ? null : Instant.ofEpochSecond(participation.second());
      case WON -> participation == null ? null : participation.won();
      case PRIZE -> participation == null || kind != GameKind.INSTANT_WIN || !participation.won()
          ? null : PRIZES[participation.prize()];
      case SCORE -> participation == null || kind != GameKind.QUIZ ? null : (long) participation.score();
      case ANSWER -> participation == null || kind == GameKind.INSTANT_WIN || participation.answer() >= ANSWERS.length
          ? null : ANSWERS[participation.answer()];
    };
  }

  /** One row per participation, operation after operation; winners only when asked. */
  private final class ParticipationRows extends Spliterators.AbstractSpliterator<ParticipantRecord> {
    private final List<Game> games;
    private final Field[] fields;
    private final Window window;
    private final boolean winnersOnly;
    private int game;
    private long index;

    ParticipationRows(List<Game> games, Field[] fields, Window window, boolean winnersOnly) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      this.games = games;
      this.fields = fields;
      this.window = window;
      this.winnersOnly = winnersOnly;
    }

    @Override
    public boolean tryAdvance(Consumer<? super ParticipantRecord> action) {
      while (game < games.size()) {
        if (index == participants) {
          game++;
          index = 0;
          continue;
        }
        Game current = games.get(game);
        long at = index++;
        Participation participation = participation(current, at);
        if (window.contains(participation.second()) && (!winnersOnly || participation.won())) {
          action.accept(record(fields, current, person(at), participation));
          return true;
        }
      }
      return false;
    }
  }

  /** Each person once, under the first queried operation they took part in within the period. */
  private final class ParticipantRows extends Spliterators.AbstractSpliterator<ParticipantRecord> {
    private final List<Game> games;
    private final Field[] fields;
    private final Window window;
    private long index;

    ParticipantRows(List<Game> games, Field[] fields, Window window) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      this.games = games;
      this.fields = fields;
      this.window = window;
    }

    @Override
    public boolean tryAdvance(Consumer<? super ParticipantRecord> action) {
      while (index < participants && !games.isEmpty()) {
        long at = index++;
        for (Game game : games) {
          if (window.contains(participation(game, at).second())) {
            action.accept(record(fields, game, person(at), null));
            return true;
          }
        }
      }
      return false;
    }
  }
}
