package io.exportkit.spi;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a trigger policy computes the next fire instant from.
 *
 * @param now the current instant
 * @param publishedAt when the export was (last) published
 * @param lastFire when it last fired, or {@code null} if never since publishing
 * @param operationEnd the operation's end as the host's directory says now, or {@code null} for
 *     exports without a single operation
 */
public record TriggerContext(Instant now, Instant publishedAt, @Nullable Instant lastFire, @Nullable Instant operationEnd) {
  public TriggerContext {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(publishedAt, "publishedAt");
  }
}
