package io.exportkit.spi;

import java.io.IOException;

/**
 * A byte-stream transformation between the format writer and the transport: compression
 * ({@code gzip}, {@code zip}) or encryption ({@code openpgp}). Stateless and thread-safe;
 * registered in {@code META-INF/services/io.exportkit.spi.OutputStageProvider}.
 */
public interface OutputStageProvider {

  /** Stable lower-case id: {@code gzip}, {@code zip}, {@code openpgp}. */
  String id();

  /** Configures the stage for one file. */
  OutputStage create(StageContext context) throws IOException;
}
