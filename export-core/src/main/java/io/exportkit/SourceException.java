package io.exportkit;

import org.jspecify.annotations.Nullable;

/** The host's {@link ParticipantSource} failed while opening or streaming rows. */
public class SourceException extends ExportException {
  private static final long serialVersionUID = 1L;

  public SourceException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
