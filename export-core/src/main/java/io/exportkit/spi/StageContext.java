package io.exportkit.spi;

import io.exportkit.ExportDefinition;
import io.exportkit.SecretResolver;
import java.util.Objects;

/**
 * What an output stage may need to know.
 *
 * @param definition the export being run
 * @param innerFileName the file name of the bytes this stage receives, e.g. {@code winners.csv}
 *     for a zip stage's entry
 * @param secrets the host's secrets, e.g. for a signing key's passphrase
 */
public record StageContext(ExportDefinition definition, String innerFileName, SecretResolver secrets) {
  public StageContext {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(innerFileName, "innerFileName");
    Objects.requireNonNull(secrets, "secrets");
  }
}
