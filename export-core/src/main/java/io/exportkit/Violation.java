package io.exportkit;

import java.util.Objects;

/**
 * One reason a definition is refused: the field at fault and what to do about it.
 *
 * @param field the definition's part, e.g. {@code "trigger"} or {@code "fields[2]"}
 * @param message what is wrong and how to fix it
 */
public record Violation(String field, String message) {
  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
