package io.exportkit.spi;

import io.exportkit.FieldType;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One output column.
 *
 * @param name the field name the values come from
 * @param label the header or key written to the file
 * @param type the Java type of the values
 * @param pattern a value format asked for by a custom export, or {@code null} for the default
 */
public record Column(String name, String label, FieldType type, @Nullable String pattern) {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(type, "type");
  }
}
