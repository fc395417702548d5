package io.exportkit;

import io.exportkit.spi.TriggerPolicy;
import io.exportkit.spi.TriggerPolicyProvider;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code planned} trigger for tests (the real one lives in export-scheduling): fires once at
 * the trigger's date-time, if that is still ahead.
 */
final class PlannedTriggerPolicy implements TriggerPolicyProvider {

  @Override
  public String id() {
    return TriggerKind.PLANNED.id();
  }

  @Override
  public TriggerPolicy policy(Trigger trigger) {
    Instant at = Objects.requireNonNull(trigger.dateTime(), "dateTime").atZone(trigger.zone()).toInstant();
    return context -> at.isAfter(context.now()) ? Optional.of(at) : Optional.empty();
  }
}
