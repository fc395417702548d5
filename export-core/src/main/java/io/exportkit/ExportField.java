package io.exportkit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A field chosen for a {@link ExportType#CUSTOM} export: which catalog field, under which label,
 * with which value format and, for fixed-width layouts, in how many characters. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * ExportField.of("email").withLabel("E-mail").withWidth(30)
 * ExportField.of("participated_at").withPattern("dd/MM/yyyy HH:mm")
 * }</pre>
 *
 * <p>The format checks the pattern and the width against the field's type when the export is
 * created, updated or published.
 *
 * @param name the catalog field's name ({@link FieldDefinition#name()})
 * @param label the column label; {@code null} keeps the catalog's label
 * @param pattern a value format for this column (a date or number pattern understood by the
 *     format writers); {@code null} uses the format's default
 * @param width the column's width in characters, at least 1, for layouts that give each column a
 *     fixed width (the {@code txt} format's {@code layout=fixed}); {@code null} when it has none,
 *     and ignored by other layouts
 */
public record ExportField(String name, @Nullable String label, @Nullable String pattern, @Nullable Integer width) {
  public ExportField {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("field name must not be blank");
    }
    if (width != null && width < 1) {
      throw new IllegalArgumentException("width must be at least 1: " + width);
    }
  }

  /** The catalog field {@code name}, with its catalog label, default format and no width. */
  public static ExportField of(String name) {
    return new ExportField(name, null, null, null);
  }

  /** This field under another column label. */
  public ExportField withLabel(String label) {
    return new ExportField(name, Objects.requireNonNull(label, "label"), pattern, width);
  }

  /** This field with a value format. */
  public ExportField withPattern(String pattern) {
    return new ExportField(name, label, Objects.requireNonNull(pattern, "pattern"), width);
  }

  /**
   * This field in a column {@code width} characters wide, where the layout gives each column a
   * fixed width.
   *
   * @throws IllegalArgumentException when {@code width} is less than 1
   */
  public ExportField withWidth(int width) {
    return new ExportField(name, label, pattern, width);
  }
}
