package io.exportkit.internal;

import io.exportkit.Content;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportField;
import io.exportkit.ExportType;
import io.exportkit.FieldDefinition;
import io.exportkit.FieldScope;
import io.exportkit.FieldType;
import io.exportkit.GameKind;
import io.exportkit.Operation;
import io.exportkit.OperationDirectory;
import io.exportkit.ParticipantRecord;
import io.exportkit.SourceQuery;
import io.exportkit.Violation;
import io.exportkit.spi.Column;
import io.exportkit.spi.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a definition means against the host's current data: the operations, the columns and the
 * query to the source. Also where the checks that need the host live, so that creating,
 * publishing and running an export apply the same rules.
 *
 * <p>A global export's column may gather a field that its operations type differently (an
 * instant-win's INTEGER {@code score}, a quiz's DECIMAL one): the column then takes a type that
 * holds them all, DECIMAL for INTEGER with DECIMAL, STRING for any other mix, and
 * {@link #conform} converts each row's values to it.
 *
 * @param unified the indexes of the columns whose type was unified; empty when none was
 */
record ExportPlan(List<Operation> operations, Schema schema, SourceQuery query, Set<Integer> unified) {

  ExportPlan {
    unified = Set.copyOf(unified);
  }

  /**
   * Resolves {@code definition} against {@code directory}, adding what does not fit to
   * {@code violations}; returns empty when anything did not.
   */
  static Optional<ExportPlan> resolve(ExportDefinition definition, OperationDirectory directory, List<Violation> violations) {
    int before = violations.size();
    List<Operation> operations = operations(definition, directory, violations);
    if (violations.size() > before) {
      return Optional.empty();
    }
    List<Column> columns = columns(definition, operations, violations);
    if (violations.size() > before) {
      return Optional.empty();
    }
    if (columns.isEmpty()) {
      // A custom draft may have no field yet (its operation just changed); publishing requires them.
      if (!(definition.type() == ExportType.CUSTOM && definition.fields().isEmpty())) {
        violations.add(new Violation("fields", "nothing to export: choose at least one field"));
      }
      return Optional.empty();
    }
    Schema schema = new Schema(columns, definition.zone());
    SourceQuery query = new SourceQuery(operations.stream().map(Operation::id).toList(), definition.content(),
        definition.period(), columns.stream().map(Column::name).toList(), definition.zone());
    Set<Integer> unified = new HashSet<>();
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i).name();
      FieldType type = columns.get(i).type();
      boolean differs = operations.stream().anyMatch(o -> o.field(name).filter(f -> f.type() != type).isPresent());
      if (differs) {
        unified.add(i);
      }
    }
    return Optional.of(new ExportPlan(operations, schema, query, unified));
  }

  /**
   * {@code record} with the values of the unified columns converted to the column's type: numbers to
   * {@link BigDecimal} in a DECIMAL column; in a STRING one, each value as its own type is written by
   * default (numbers in plain notation, ISO-8601 dates, date-times with the offset of the export's
   * zone). Values of other columns, and values no conversion applies to, stay as they are, for the
   * format to accept or refuse.
   */
  ParticipantRecord conform(ParticipantRecord record) {
    if (unified.isEmpty() || record.size() != schema.size()) {
      return record;
    }
    Object[] values = new Object[record.size()];
    for (int i = 0; i < values.length; i++) {
      Object value = record.get(i);
      values[i] = value != null && unified.contains(i) ? convert(value, schema.columns().get(i).type()) : value;
    }
    return ParticipantRecord.of(values);
  }

  private Object convert(Object value, FieldType type) {
    if (type == FieldType.DECIMAL && value instanceof Number n && !(n instanceof BigDecimal)) {
      try {
        return n instanceof BigInteger big ? new BigDecimal(big) : new BigDecimal(n.toString());
      } catch (NumberFormatException e) {
        return value; // NaN or an infinity: the format says the column cannot hold it
      }
    }
    if (type != FieldType.STRING || value instanceof CharSequence) {
      return value;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof TemporalAccessor t && !(value instanceof LocalDate) && t.isSupported(ChronoField.INSTANT_SECONDS)) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(schema.zone()).format(t);
    }
    return value.toString();
  }

  private static List<Operation> operations(ExportDefinition d, OperationDirectory directory, List<Violation> violations) {
    List<Operation> found = new ArrayList<>();
    for (String id : d.operations()) {
      Optional<Operation> operation = directory.find(id);
      if (operation.isEmpty()) {
        violations.add(new Violation("operations", "the account has no operation '" + id + "'"));
      } else if (d.content() == Content.WINNERS && operation.get().kind() != GameKind.INSTANT_WIN) {
        violations.add(new Violation("content", "winners only is for instant-win operations, and '" + id
            + "' is a " + operation.get().kind() + " operation; export all participations or participants only"));
      } else {
        found.add(operation.get());
      }
    }
    if (d.type() == ExportType.GLOBAL && d.operations().isEmpty() && d.period() != null) {
      ZoneId zone = d.zone();
      Instant from = d.period().from().atStartOfDay(zone).toInstant();
      Instant to = d.period().to().plusDays(1).atStartOfDay(zone).toInstant();
      for (Operation operation : directory.list()) {
        boolean overlaps = operation.start().isBefore(to) && operation.end().isAfter(from);
        boolean fitsContent = d.content() != Content.WINNERS || operation.kind() == GameKind.INSTANT_WIN;
        if (overlaps && fitsContent) {
          found.add(operation);
        }
      }
    }
    return found;
  }

  private static List<Column> columns(ExportDefinition d, List<Operation> operations, List<Violation> violations) {
    boolean participantsOnly = d.content() == Content.PARTICIPANTS;
    List<Column> columns = new ArrayList<>();
    switch (d.type()) {
      case RAPID -> {
        for (FieldDefinition field : operations.get(0).fields()) {
          if (!participantsOnly || field.scope() == FieldScope.PARTICIPANT) {
            columns.add(new Column(field.name(), field.label(), field.type(), null));
          }
        }
      }
      case CUSTOM -> {
        Operation operation = operations.get(0);
        for (int i = 0; i < d.fields().size(); i++) {
          ExportField chosen = d.fields().get(i);
          Optional<FieldDefinition> field = operation.field(chosen.name());
          if (field.isEmpty()) {
            violations.add(new Violation("fields[" + i + "]", "operation '" + operation.id() + "' has no field '"
                + chosen.name() + "'; its fields: " + operation.fields().stream().map(FieldDefinition::name).toList()));
          } else if (participantsOnly && field.get().scope() != FieldScope.PARTICIPANT) {
            violations.add(new Violation("fields[" + i + "]", "'" + chosen.name()
                + "' describes a participation, so a participants-only export cannot hold it"));
          } else {
            String label = chosen.label() != null ? chosen.label() : field.get().label();
            columns.add(new Column(chosen.name(), label, field.get().type(), chosen.pattern(), chosen.width()));
          }
        }
      }
      case GLOBAL -> {
        columns.add(new Column(SourceQuery.OPERATION_FIELD, "Operation", FieldType.STRING, null));
        Map<String, FieldDefinition> union = new LinkedHashMap<>();
        for (Operation operation : operations) {
          for (FieldDefinition field : operation.fields()) {
            if (!participantsOnly || field.scope() == FieldScope.PARTICIPANT) {
              union.putIfAbsent(field.name(), field);
            }
          }
        }
        union.remove(SourceQuery.OPERATION_FIELD);
        for (FieldDefinition field : union.values()) {
          columns.add(new Column(field.name(), field.label(), unifiedType(field.name(), operations), null));
        }
      }
    }
    return columns;
  }

  /** The type of the field {@code name} that holds its values in every operation that has it. */
  private static FieldType unifiedType(String name, List<Operation> operations) {
    Set<FieldType> types = EnumSet.noneOf(FieldType.class);
    operations.forEach(o -> o.field(name).ifPresent(f -> types.add(f.type())));
    if (types.size() == 1) {
      return types.iterator().next();
    }
    return Set.of(FieldType.INTEGER, FieldType.DECIMAL).containsAll(types) ? FieldType.DECIMAL : FieldType.STRING;
  }
}
