package io.exportkit;

import java.util.stream.Stream;

/**
 * Host SPI: streams the rows of an export. The library pulls rows one at a time and never holds
 * them all, so a source should stream from its database cursor rather than load a list.
 *
 * <p>Implementations must be thread-safe: several runs may open streams at once.
 */
@FunctionalInterface
public interface ParticipantSource {

  /**
   * Opens the rows that answer {@code query}. The caller closes the stream (try-with-resources),
   * which must release the cursor or connection behind it. An exception thrown while opening or
   * iterating fails the run; nothing partial is delivered.
   */
  Stream<ParticipantRecord> open(SourceQuery query);
}
