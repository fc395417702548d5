package io.exportkit.scheduling.trigger;

import io.exportkit.Trigger;
import io.exportkit.TriggerKind;
import io.exportkit.spi.TriggerPolicy;
import io.exportkit.spi.TriggerPolicyProvider;
import java.util.Optional;

/**
 * The {@code immediate} trigger: fires once, at the instant it is asked, unless it fired already.
 * The core runs immediate exports on publish without asking it; it serves previews. Stateless and
 * thread-safe.
 */
public final class ImmediateTriggerPolicyProvider implements TriggerPolicyProvider {

  @Override
  public String id() {
    return TriggerKind.IMMEDIATE.id();
  }

  @Override
  public TriggerPolicy policy(Trigger trigger) {
    LocalTimes.require(trigger, TriggerKind.IMMEDIATE);
    return context -> context.lastFire() == null ? Optional.of(context.now()) : Optional.empty();
  }
}
