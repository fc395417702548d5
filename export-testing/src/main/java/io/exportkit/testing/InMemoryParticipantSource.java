package io.exportkit.testing;

import io.exportkit.Content;
import io.exportkit.ParticipantRecord;
import io.exportkit.ParticipantSource;
import io.exportkit.Period;
import io.exportkit.SourceQuery;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ParticipantSource} over rows held in memory: each row is one participation, a map from
 * field names to values (values may be {@code null}).
 *
 * <pre>{@code
 * InMemoryParticipantSource source = InMemoryParticipantSource.builder()
 *     .operation("summer")
 *     .participation(Map.of("id", "p1", "email", "ann@example.org", "won", true,
 *         "participated_at", Instant.parse("2026-05-02T10:00:00Z")))
 *     .build();
 * }</pre>
 *
 * <p>It answers a {@link SourceQuery} the way a host's database would:
 * <ul>
 *   <li>the rows of {@link SourceQuery#operationIds()}, operation by operation, each in the order
 *       added;
 *   <li>{@link Content#ALL_PARTICIPATIONS}: every row; {@link Content#PARTICIPANTS}: the first row
 *       of each participant, once across all queried operations, a participant being identified by
 *       the participant-id field (default {@value #DEFAULT_PARTICIPANT_ID_FIELD});
 *       {@link Content#WINNERS}: the rows whose {@value #WON_FIELD} field is {@link Boolean#TRUE};
 *   <li>with a {@link SourceQuery#period()}: the rows whose date field (default {@value
 *       #DEFAULT_DATE_FIELD}, an {@link Instant}) falls on one of its days in the query's zone;
 *   <li>each row projected on {@link SourceQuery#fields()}, in that order: a field the row lacks
 *       gives {@code null}, and {@link SourceQuery#OPERATION_FIELD} gives the operation id.
 * </ul>
 *
 * <p>It counts {@link #opens()}, {@link #closes()} and {@link #rowsStreamed()}, so that a test can
 * prove that the caller streamed and closed, and it can be told to fail mid-stream with
 * {@link #failingAfter(long)}. Thread-safe: several runs may stream at once.
 */
public final class InMemoryParticipantSource implements ParticipantSource {

  /** The field that identifies a participant, unless the builder names another. */
  public static final String DEFAULT_PARTICIPANT_ID_FIELD = "id";

  /** The field holding a participation's {@link Instant}, unless the builder names another. */
  public static final String DEFAULT_DATE_FIELD = "participated_at";

  /** The field that marks a winning participation: rows whose value is {@link Boolean#TRUE}. */
  public static final String WON_FIELD = "won";

  private final Map<String, List<Map<String, @Nullable Object>>> rowsByOperation;
  private final String participantIdField;
  private final String dateField;
  private final AtomicLong opens = new AtomicLong();
  private final AtomicLong closes = new AtomicLong();
  private final AtomicLong rowsStreamed = new AtomicLong();
  private volatile long failAfter = -1;

  private InMemoryParticipantSource(Builder b) {
    Map<String, List<Map<String, @Nullable Object>>> copy = new LinkedHashMap<>();
    b.rows.forEach((operation, rows) -> copy.put(operation, List.copyOf(rows)));
    this.rowsByOperation = Collections.unmodifiableMap(copy);
    this.participantIdField = b.participantIdField;
    this.dateField = b.dateField;
  }

  /** A builder for a source with several operations or other field names. */
  public static Builder builder() {
    return new Builder();
  }

  /** A source holding {@code rows}, the participations of one operation. */
  @SafeVarargs
  public static InMemoryParticipantSource of(String operationId, Map<String, ?>... rows) {
    Builder builder = builder().operation(operationId);
    for (Map<String, ?> row : rows) {
      builder.participation(row);
    }
    return builder.build();
  }

  /**
   * Makes the streams opened from now on fail once they have given {@code rows} rows: the next
   * pull throws a {@link RuntimeException}, as a database cursor does when the connection drops.
   *
   * @return this source
   * @throws IllegalArgumentException when {@code rows} is negative
   */
  public InMemoryParticipantSource failingAfter(long rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0: " + rows);
    }
    this.failAfter = rows;
    return this;
  }

  /** How many streams were opened. */
  public long opens() {
    return opens.get();
  }

  /** How many streams were closed. */
  public long closes() {
    return closes.get();
  }

  /** How many rows all streams have given so far. */
  public long rowsStreamed() {
    return rowsStreamed.get();
  }

  @Override
  public Stream<ParticipantRecord> open(SourceQuery query) {
    Objects.requireNonNull(query, "query");
    opens.incrementAndGet();
    Iterator<ParticipantRecord> rows = new CountingIterator(select(query), query.fields(), failAfter);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED), false)
        .onClose(closes::incrementAndGet);
  }

  /** The rows answering {@code query}, each paired with its operation id. */
  private List<Map.Entry<String, Map<String, @Nullable Object>>> select(SourceQuery query) {
    List<Map.Entry<String, Map<String, @Nullable Object>>> selected = new ArrayList<>();
    Set<Object> participants = new HashSet<>();
    for (String operation : query.operationIds()) {
      for (Map<String, @Nullable Object> row : rowsByOperation.getOrDefault(operation, List.of())) {
        if (inPeriod(operation, row, query.period(), query.zone()) && holds(query.content(), operation, row, participants)) {
          selected.add(Map.entry(operation, row));
        }
      }
    }
    return selected;
  }

  private boolean inPeriod(String operation, Map<String, @Nullable Object> row, @Nullable Period period, ZoneId zone) {
    if (period == null) {
      return true;
    }
    if (!(row.get(dateField) instanceof Instant at)) {
      throw new IllegalStateException("a row of operation '" + operation + "' has no Instant in its '" + dateField
          + "' field, so it cannot be matched against the period " + period);
    }
    return period.contains(at.atZone(zone).toLocalDate());
  }

  private boolean holds(Content content, String operation, Map<String, @Nullable Object> row, Set<Object> participants) {
    return switch (content) {
      case ALL_PARTICIPATIONS -> true;
      case WINNERS -> Boolean.TRUE.equals(row.get(WON_FIELD));
      case PARTICIPANTS -> {
        Object participant = row.get(participantIdField);
        if (participant == null) {
          throw new IllegalStateException("a row of operation '" + operation + "' has no '" + participantIdField
              + "' field to tell its participant by; add it or name another with participantIdField(...)");
        }
        yield participants.add(participant);
      }
    };
  }

  /** Projects rows lazily, so that counting and failing happen as the caller pulls. */
  private final class CountingIterator implements Iterator<ParticipantRecord> {
    private final List<Map.Entry<String, Map<String, @Nullable Object>>> rows;
    private final List<String> fields;
    private final long failAfter;
    private int next;

    CountingIterator(List<Map.Entry<String, Map<String, @Nullable Object>>> rows, List<String> fields, long failAfter) {
      this.rows = rows;
      this.fields = fields;
      this.failAfter = failAfter;
    }

    @Override
    public boolean hasNext() {
      if (next == failAfter) {
        throw new RuntimeException("InMemoryParticipantSource was told to fail after " + failAfter + " rows");
      }
      return next < rows.size();
    }

    @Override
    public ParticipantRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Map.Entry<String, Map<String, @Nullable Object>> row = rows.get(next++);
      @Nullable Object[] values = new Object[fields.size()];
      for (int i = 0; i < values.length; i++) {
        String field = fields.get(i);
        values[i] = field.equals(SourceQuery.OPERATION_FIELD) ? row.getKey() : row.getValue().get(field);
      }
      rowsStreamed.incrementAndGet();
      return ParticipantRecord.of(values);
    }
  }

  /** Collects the rows of a source, operation by operation. Not thread-safe. */
  public static final class Builder {
    private final Map<String, List<Map<String, @Nullable Object>>> rows = new LinkedHashMap<>();
    private @Nullable String operation;
    private String participantIdField = DEFAULT_PARTICIPANT_ID_FIELD;
    private String dateField = DEFAULT_DATE_FIELD;

    private Builder() {
    }

    /** The operation the following participations belong to. */
    public Builder operation(String operationId) {
      this.operation = Objects.requireNonNull(operationId, "operationId");
      rows.computeIfAbsent(operationId, id -> new ArrayList<>());
      return this;
    }

    /**
     * Adds one participation of the current operation: field names to values.
     *
     * @throws IllegalStateException when no {@link #operation(String)} was named yet
     */
    public Builder participation(Map<String, ?> values) {
      Objects.requireNonNull(values, "values");
      if (operation == null) {
        throw new IllegalStateException("name the operation with operation(id) before adding its participations");
      }
      rows.get(operation).add(Collections.unmodifiableMap(new LinkedHashMap<String, @Nullable Object>(values)));
      return this;
    }

    /** The field that identifies a participant, for {@link Content#PARTICIPANTS}. */
    public Builder participantIdField(String field) {
      this.participantIdField = Objects.requireNonNull(field, "field");
      return this;
    }

    /** The field holding a participation's {@link Instant}, for periods. */
    public Builder dateField(String field) {
      this.dateField = Objects.requireNonNull(field, "field");
      return this;
    }

    public InMemoryParticipantSource build() {
      return new InMemoryParticipantSource(this);
    }
  }
}
