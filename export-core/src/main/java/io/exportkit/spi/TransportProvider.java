package io.exportkit.spi;

import io.exportkit.Destination;
import io.exportkit.SecretResolver;
import java.io.IOException;
import java.util.List;

/**
 * A way to deliver files, for one URI scheme. Stateless and thread-safe; registered in
 * {@code META-INF/services/io.exportkit.spi.TransportProvider}.
 */
public interface TransportProvider {

  /** Stable lower-case id; equals the URI scheme it serves: {@code file}, {@code sftp}, {@code s3}. */
  String id();

  /**
   * What is wrong with {@code destination} (its URI, options, secret roles, and the secrets they
   * reference as far as they can be checked without connecting, e.g. a private key that does not
   * parse), one message per problem; empty when it is fine. Checked when an export is created,
   * updated and published, not at run time. Messages name secrets by reference, never by value.
   *
   * <p>Core has already checked that the URI and options hold no control character and that every
   * referenced secret is known to {@code secrets}.
   */
  default List<String> validate(Destination destination, SecretResolver secrets) {
    return List.of();
  }

  /**
   * Connects to {@code destination}, resolving the secrets it references through {@code secrets}.
   * Exceptions never name a secret, and need not name the destination: the run's message does,
   * once ("delivery to sftp://host/out failed: …"); a message starting with the destination's URI
   * and ": " is shown without that repetition. Control characters in a server's reply may be left
   * in: core escapes them before they reach a log or a run's message.
   */
  Transport open(Destination destination, SecretResolver secrets) throws IOException;
}
