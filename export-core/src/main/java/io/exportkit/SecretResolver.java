package io.exportkit;

import java.util.Optional;

/**
 * Host SPI: turns a {@link SecretRef} into its value at run time.
 *
 * <p>Implementations must be thread-safe. The value returned is used for one connection and then
 * dropped; ExportKit never writes it to a log, an event, an exception or a store.
 */
@FunctionalInterface
public interface SecretResolver {

  /** A resolver that knows no secret; the default when the host configures none. */
  SecretResolver NONE = ref -> Optional.empty();

  /** The secret's value, or empty when the host does not know the reference. */
  Optional<String> resolve(SecretRef ref);

  /**
   * The secret's value.
   *
   * @throws ExportException naming the reference (never a value) when the host does not know it
   */
  default String require(SecretRef ref) {
    return resolve(ref).orElseThrow(() -> new ExportException(
        "Secret '" + ref.name() + "' is unknown to the host's SecretResolver: register it, or fix the reference"));
  }
}
