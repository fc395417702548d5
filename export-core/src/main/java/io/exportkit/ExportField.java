package io.exportkit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A field chosen for a {@link ExportType#CUSTOM} export: which catalog field, under which label,
 * with which value format.
 *
 * @param name the catalog field's name ({@link FieldDefinition#name()})
 * @param label the column label; {@code null} keeps the catalog's label
 * @param pattern a value format for this column (a date or number pattern understood by the
 *     format writers); {@code null} uses the format's default
 */
public record ExportField(String name, @Nullable String label, @Nullable String pattern) {
  public ExportField {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("field name must not be blank");
    }
  }

  /** The catalog field {@code name}, with its catalog label and default format. */
  public static ExportField of(String name) {
    return new ExportField(name, null, null);
  }

  /** This field under another column label. */
  public ExportField withLabel(String label) {
    return new ExportField(name, Objects.requireNonNull(label, "label"), pattern);
  }

  /** This field with a value format. */
  public ExportField withPattern(String pattern) {
    return new ExportField(name, label, Objects.requireNonNull(pattern, "pattern"));
  }
}
