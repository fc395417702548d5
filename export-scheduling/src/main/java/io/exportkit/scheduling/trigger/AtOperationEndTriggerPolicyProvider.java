package io.exportkit.scheduling.trigger;

import io.exportkit.Trigger;
import io.exportkit.TriggerKind;
import io.exportkit.spi.TriggerPolicy;
import io.exportkit.spi.TriggerPolicyProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code at-end} trigger: fires once, at the operation's end plus the trigger's delay, unless
 * that instant is past or it fired already. The end is the one the context carries, which the
 * service reads from the host's {@code OperationDirectory} each time it asks: an end date that
 * moves is followed. Stateless and thread-safe.
 */
public final class AtOperationEndTriggerPolicyProvider implements TriggerPolicyProvider {

  @Override
  public String id() {
    return TriggerKind.AT_OPERATION_END.id();
  }

  @Override
  public TriggerPolicy policy(Trigger trigger) {
    Duration delay = LocalTimes.require(trigger, TriggerKind.AT_OPERATION_END).delay();
    return context -> {
      Instant end = context.operationEnd();
      if (end == null || context.lastFire() != null) {
        return Optional.empty();
      }
      Instant at = end.plus(delay);
      return at.isBefore(context.now()) ? Optional.empty() : Optional.of(at);
    };
  }
}
