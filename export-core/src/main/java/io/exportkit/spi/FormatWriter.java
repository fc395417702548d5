package io.exportkit.spi;

import io.exportkit.ParticipantRecord;
import java.io.IOException;

/**
 * Writes the records of one file, like Jackson's {@code JsonGenerator}: opened by a
 * {@link FormatWriterProvider}, fed one record at a time, then finished. Not thread-safe.
 */
public interface FormatWriter {

  /** Writes one record; its values follow the schema's columns. */
  void write(ParticipantRecord record) throws IOException;

  /**
   * Writes what closes the file (a closing bracket or tag) and flushes. Never closes the
   * underlying stream: the opener owns it.
   */
  void finish() throws IOException;
}
