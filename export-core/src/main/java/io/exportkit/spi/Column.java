package io.exportkit.spi;

import io.exportkit.FieldType;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One output column. Immutable and thread-safe.
 *
 * @param name the field name the values come from
 * @param label the header or key written to the file
 * @param type the Java type of the values
 * @param pattern a value format asked for by a custom export, or {@code null} for the default
 * @param width the column's width in characters, at least 1, asked for by a custom export for
 *     fixed-width layouts ({@link io.exportkit.ExportField#width()}); {@code null} when it has none
 */
public record Column(String name, String label, FieldType type, @Nullable String pattern, @Nullable Integer width) {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(type, "type");
    if (width != null && width < 1) {
      throw new IllegalArgumentException("column '" + name + "': width must be at least 1: " + width);
    }
  }

  /** A column without a width. */
  public Column(String name, String label, FieldType type, @Nullable String pattern) {
    this(name, label, type, pattern, null);
  }
}
