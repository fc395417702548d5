package io.exportkit;

import java.util.Objects;

/**
 * One field of an operation's catalog, as the host's {@link OperationDirectory} describes it.
 *
 * @param name stable machine name, e.g. {@code "email"}; what {@link ExportField#name()} refers to
 * @param label default column label, e.g. {@code "E-mail"}
 * @param type the Java type of its values
 * @param scope participant-level or participation-level
 */
public record FieldDefinition(String name, String label, FieldType type, FieldScope scope) {
  public FieldDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(scope, "scope");
    if (name.isBlank()) {
      throw new IllegalArgumentException("field name must not be blank");
    }
  }

  /** A field with its name as label. */
  public static FieldDefinition of(String name, FieldType type, FieldScope scope) {
    return new FieldDefinition(name, name, type, scope);
  }
}
