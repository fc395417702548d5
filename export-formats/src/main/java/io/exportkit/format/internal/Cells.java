package io.exportkit.format.internal;

import io.exportkit.FieldType;
import io.exportkit.ParticipantRecord;
import io.exportkit.spi.Schema;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The records of one file as text: each value formatted by {@link ValueFormatter} and, where asked,
 * neutralised by {@link Formulas}, the records counted, and none taken after the file is finished.
 * A writer formats a whole record before it writes any of it, so a value that fails leaves no half
 * row in the file. Not thread-safe: the returned array is reused from record to record.
 */
public final class Cells {

  private final ValueFormatter values;
  /** Per column: whether its cells are text to neutralise. */
  private final boolean[] neutralise;
  private final @Nullable String[] cells;
  private long records;
  private boolean finished;

  private Cells(ValueFormatter values, boolean[] neutralise) {
    this.values = values;
    this.neutralise = neutralise;
    this.cells = new String[neutralise.length];
  }

  /**
   * The cells of {@code schema}'s records; with {@code neutraliseFormulas}, the text of
   * {@code STRING} columns that a spreadsheet would run as a formula gets a leading {@code '}.
   *
   * @throws IllegalArgumentException when a column's pattern is invalid (see {@link ValueFormatter#of})
   */
  public static Cells of(Schema schema, boolean neutraliseFormulas) {
    boolean[] neutralise = new boolean[schema.size()];
    for (int i = 0; i < neutralise.length; i++) {
      neutralise[i] = neutraliseFormulas && schema.columns().get(i).type() == FieldType.STRING;
    }
    return new Cells(ValueFormatter.of(schema), neutralise);
  }

  /**
   * The text of each of {@code record}'s values, {@code null} for a null value.
   *
   * @throws IllegalStateException after {@link #finish()}
   * @throws IllegalArgumentException when the record does not have one value per column
   * @throws io.exportkit.FormatException when a value does not fit its column's type
   */
  public @Nullable String[] format(ParticipantRecord record) {
    Objects.requireNonNull(record, "record");
    if (finished) {
      throw new IllegalStateException("write() after finish()");
    }
    if (record.size() != cells.length) {
      throw new IllegalArgumentException("the record has " + record.size() + " values for " + cells.length
          + " columns");
    }
    for (int i = 0; i < cells.length; i++) {
      String text = values.format(i, record.get(i));
      cells[i] = text != null && neutralise[i] ? Formulas.neutralise(text) : text;
    }
    records++;
    return cells;
  }

  /** How many records were formatted: the number of the last one, from 1, for messages. */
  public long records() {
    return records;
  }

  /** Takes no more records; returns whether this is the first call, after which the file's end is written. */
  public boolean finish() {
    boolean first = !finished;
    finished = true;
    return first;
  }
}
