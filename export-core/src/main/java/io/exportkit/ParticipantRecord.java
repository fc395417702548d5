package io.exportkit;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One row from a {@link ParticipantSource}: the values of the {@link SourceQuery#fields()} in the
 * same order, each of the Java type its {@link FieldType} names, or {@code null}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ParticipantRecord {
  private final @Nullable Object[] values;

  private ParticipantRecord(@Nullable Object[] values) {
    this.values = values;
  }

  /** A record holding a copy of {@code values}. */
  public static ParticipantRecord of(@Nullable Object... values) {
    return new ParticipantRecord(values.clone());
  }

  /** The value of the {@code index}-th queried field. */
  public @Nullable Object get(int index) {
    return values[index];
  }

  /** How many values the record holds. */
  public int size() {
    return values.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParticipantRecord other && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  /** Prints the field count only: records hold personal data that must not reach logs. */
  @Override
  public String toString() {
    return "ParticipantRecord[" + values.length + " values]";
  }
}
