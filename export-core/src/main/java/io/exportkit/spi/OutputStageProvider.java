package io.exportkit.spi;

import io.exportkit.ExportDefinition;
import io.exportkit.SecretResolver;
import java.io.IOException;
import java.util.List;

/**
 * A byte-stream transformation between the format writer and the transport: compression
 * ({@code gzip}, {@code zip}) or encryption ({@code openpgp}). Stateless and thread-safe;
 * registered in {@code META-INF/services/io.exportkit.spi.OutputStageProvider}.
 */
public interface OutputStageProvider {

  /** Stable lower-case id: {@code gzip}, {@code zip}, {@code openpgp}. */
  String id();

  /**
   * What is wrong with how {@code definition} configures this stage (e.g. an expired recipient
   * key), one message per problem that says what to fix; empty when it is fine. Called when an
   * export is created, updated and published, so a bad configuration is refused before any run.
   * Never puts a secret in a message.
   */
  default List<String> validate(ExportDefinition definition, SecretResolver secrets) {
    return List.of();
  }

  /** Configures the stage for one file. */
  OutputStage create(StageContext context) throws IOException;
}
