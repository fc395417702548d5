package io.exportkit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One operation (game) of the host's account, as its {@link OperationDirectory} describes it.
 *
 * @param id stable identifier
 * @param name display name
 * @param kind the kind of game
 * @param start when the operation opens
 * @param end when it closes; what the "at operation end" trigger follows
 * @param fields the field catalog, in the column order of a rapid export
 */
public record Operation(String id, String name, GameKind kind, Instant start, Instant end, List<FieldDefinition> fields) {
  public Operation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    fields = List.copyOf(fields);
  }

  /** The catalog field called {@code name}. */
  public Optional<FieldDefinition> field(String name) {
    for (FieldDefinition field : fields) {
      if (field.name().equals(name)) {
        return Optional.of(field);
      }
    }
    return Optional.empty();
  }
}
