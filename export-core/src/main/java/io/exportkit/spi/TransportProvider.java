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
   * What is wrong with {@code destination} (its URI, options, secret roles), one message per
   * problem; empty when it is fine. Checked when an export is created, not at run time.
   */
  default List<String> validate(Destination destination) {
    return List.of();
  }

  /**
   * Connects to {@code destination}, resolving the secrets it references through {@code secrets}.
   * Exceptions must name the destination and never a secret.
   */
  Transport open(Destination destination, SecretResolver secrets) throws IOException;
}
