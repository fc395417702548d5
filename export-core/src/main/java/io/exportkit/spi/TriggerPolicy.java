package io.exportkit.spi;

import java.time.Instant;
import java.util.Optional;

/** Computes when one configured trigger fires. Immutable and thread-safe. */
@FunctionalInterface
public interface TriggerPolicy {

  /** The next instant the export should fire, or empty when it never fires again. */
  Optional<Instant> nextFire(TriggerContext context);
}
