package io.exportkit.scheduling.trigger;

import io.exportkit.Trigger;
import io.exportkit.TriggerKind;
import io.exportkit.spi.TriggerPolicy;
import io.exportkit.spi.TriggerPolicyProvider;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code planned} trigger: fires once, at a local date-time in the trigger's zone (a time in
 * the spring-forward gap at the end of the gap, a time of the autumn overlap at its first
 * occurrence), unless that instant is past or it fired already. Stateless and thread-safe.
 */
public final class PlannedTriggerPolicyProvider implements TriggerPolicyProvider {

  @Override
  public String id() {
    return TriggerKind.PLANNED.id();
  }

  @Override
  public TriggerPolicy policy(Trigger trigger) {
    LocalTimes.require(trigger, TriggerKind.PLANNED);
    Instant at = LocalTimes.resolve(Objects.requireNonNull(trigger.dateTime(), "dateTime"), trigger.zone());
    return context -> context.lastFire() == null && !at.isBefore(context.now()) ? Optional.of(at) : Optional.empty();
  }
}
