package io.exportkit;

/**
 * The value type of a field, and the Java type its values have in a {@link ParticipantRecord}.
 */
public enum FieldType {
  /** {@link String}. */
  STRING,
  /** {@link Long} (any {@link Number} is accepted and written as an integer). */
  INTEGER,
  /** {@link java.math.BigDecimal} (any {@link Number} is accepted). */
  DECIMAL,
  /** {@link Boolean}. */
  BOOLEAN,
  /** {@link java.time.LocalDate}. */
  DATE,
  /** {@link java.time.Instant} (or any {@link java.time.temporal.TemporalAccessor} with an instant). */
  DATE_TIME
}
