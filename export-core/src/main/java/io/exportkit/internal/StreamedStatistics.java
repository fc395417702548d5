package io.exportkit.internal;

import io.exportkit.Content;
import io.exportkit.FieldDefinition;
import io.exportkit.FieldScope;
import io.exportkit.FieldType;
import io.exportkit.GameKind;
import io.exportkit.Operation;
import io.exportkit.ParticipantRecord;
import io.exportkit.ParticipantSource;
import io.exportkit.SourceException;
import io.exportkit.SourceQuery;
import io.exportkit.statistics.OperationStatistics;
import io.exportkit.statistics.StatisticsSource;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Derives the operation figures from the {@link ParticipantSource} when the host has no
 * {@link StatisticsSource}: one streamed pass per content, each asking for a single field that is
 * not the participant (the participation time, or else the operation id), so that memory holds
 * counters and one entry per day, never a participant id. Distinct participants are the rows of the
 * participants-only content, which the source deduplicates as it does for an export.
 */
final class StreamedStatistics implements StatisticsSource {
  private final ParticipantSource source;

  StreamedStatistics(ParticipantSource source) {
    this.source = source;
  }

  @Override
  public OperationStatistics operation(Operation operation, ZoneId zone) {
    List<String> ids = List.of(operation.id());
    Optional<String> timeField = participationTime(operation);
    Timeline timeline = new Timeline(zone);
    Consumer<ParticipantRecord> dated = row -> { };
    if (timeField.isPresent()) {
      String field = timeField.get();
      dated = row -> timeline.add(instant(row.get(0), operation, field));
    }
    long participations = count(ids, Content.ALL_PARTICIPATIONS, timeField.orElse(SourceQuery.OPERATION_FIELD), zone,
        dated);
    long participants = count(ids, Content.PARTICIPANTS, SourceQuery.OPERATION_FIELD, zone, row -> { });
    Long winners = operation.kind() == GameKind.INSTANT_WIN
        ? count(ids, Content.WINNERS, SourceQuery.OPERATION_FIELD, zone, row -> { }) : null;
    return new OperationStatistics(operation.id(), participations, participants, winners, timeline.first,
        timeline.last, timeline.perDay);
  }

  @Override
  public long distinctParticipants(List<Operation> operations) {
    if (operations.isEmpty()) {
      return 0;
    }
    return count(operations.stream().map(Operation::id).toList(), Content.PARTICIPANTS, SourceQuery.OPERATION_FIELD,
        ZoneOffset.UTC, row -> { });
  }

  /** The time of a participation: the first date-time field of the operation that describes a participation. */
  private static Optional<String> participationTime(Operation operation) {
    return operation.fields().stream()
        .filter(f -> f.type() == FieldType.DATE_TIME && f.scope() == FieldScope.PARTICIPATION)
        .map(FieldDefinition::name)
        .findFirst();
  }

  /** Streams the rows of {@code content} with {@code field} alone, hands each to {@code each}, and counts them. */
  private long count(List<String> operationIds, Content content, String field, ZoneId zone,
      Consumer<ParticipantRecord> each) {
    String what = content + " of " + operationIds;
    Stream<ParticipantRecord> opened;
    try {
      opened = source.open(new SourceQuery(operationIds, content, null, List.of(field), zone));
    } catch (RuntimeException e) {
      throw new SourceException("the participant source could not be opened to count the " + what + ": "
          + e.getMessage(), e);
    }
    long rows = 0;
    try (Stream<ParticipantRecord> stream = opened) {
      Iterator<ParticipantRecord> iterator = stream.iterator();
      while (iterator.hasNext()) {
        each.accept(iterator.next());
        rows++;
      }
    } catch (SourceException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SourceException("the participant source failed after " + rows + " rows while counting the " + what
          + ": " + e.getMessage(), e);
    }
    return rows;
  }

  private static @Nullable Instant instant(@Nullable Object value, Operation operation, String field) {
    if (value == null || value instanceof Instant) {
      return (Instant) value;
    }
    try {
      return Instant.from((TemporalAccessor) value);
    } catch (ClassCastException | DateTimeException e) {
      throw new SourceException("field '" + field + "' of operation '" + operation.id() + "' holds a "
          + value.getClass().getName() + "; a DATE_TIME value must be an Instant (or a TemporalAccessor with an"
          + " instant, such as an OffsetDateTime)", e);
    }
  }

  /** The first and last participation, and the participations per day; those without a time count in no day. */
  private static final class Timeline {
    private final ZoneId zone;
    private final Map<LocalDate, Long> perDay = new TreeMap<>();
    private @Nullable Instant first;
    private @Nullable Instant last;

    Timeline(ZoneId zone) {
      this.zone = zone;
    }

    void add(@Nullable Instant at) {
      if (at == null) {
        return;
      }
      if (first == null || at.isBefore(first)) {
        first = at;
      }
      if (last == null || at.isAfter(last)) {
        last = at;
      }
      perDay.merge(LocalDate.ofInstant(at, zone), 1L, Long::sum);
    }
  }
}
