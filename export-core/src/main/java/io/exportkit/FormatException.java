package io.exportkit;

import org.jspecify.annotations.Nullable;

/** A format writer could not write a row or a value (e.g. a character its charset cannot hold). */
public class FormatException extends ExportException {
  private static final long serialVersionUID = 1L;

  public FormatException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
