package io.exportkit.spi;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * The columns of an export file, in order; the values of each record come in the same order.
 *
 * @param columns the columns
 * @param zone the time zone in which date-times are written
 */
public record Schema(List<Column> columns, ZoneId zone) {
  public Schema {
    columns = List.copyOf(columns);
    Objects.requireNonNull(zone, "zone");
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a schema needs at least one column");
    }
  }

  public int size() {
    return columns.size();
  }

  /** The labels, in column order. */
  public List<String> labels() {
    return columns.stream().map(Column::label).toList();
  }
}
