package io.exportkit;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A range of days, both ends included, for {@link ExportType#GLOBAL} exports, within the years
 * 0001 to 9999: the dates a host's database holds, and whose end of day exists (the last day
 * {@link LocalDate} holds, +999999999-12-31, has no next day to end at).
 *
 * @param from first day
 * @param to last day, not before {@code from}
 */
public record Period(LocalDate from, LocalDate to) {
  private static final LocalDate FIRST = LocalDate.of(1, 1, 1);
  private static final LocalDate LAST = LocalDate.of(9999, 12, 31);

  public Period {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.isBefore(FIRST) || to.isAfter(LAST)) {
      throw new IllegalArgumentException("period must lie within the years 0001 to 9999, as databases' dates do: "
          + from + "/" + to);
    }
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("period ends (" + to + ") before it starts (" + from + ")");
    }
  }

  public static Period of(LocalDate from, LocalDate to) {
    return new Period(from, to);
  }

  /**
   * Parses {@code FROM/TO} in ISO-8601 dates, e.g. {@code 2026-01-01/2026-03-31}.
   *
   * @throws IllegalArgumentException when the text is not of that form
   */
  public static Period parse(String text) {
    Objects.requireNonNull(text, "text");
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("period must be FROM/TO in ISO dates, e.g. 2026-01-01/2026-03-31: " + text);
    }
    try {
      return new Period(LocalDate.parse(text.substring(0, slash)), LocalDate.parse(text.substring(slash + 1)));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("period must be FROM/TO in ISO dates, e.g. 2026-01-01/2026-03-31: " + text, e);
    }
  }

  /** Whether {@code day} lies in this period. */
  public boolean contains(LocalDate day) {
    return !day.isBefore(from) && !day.isAfter(to);
  }
}
