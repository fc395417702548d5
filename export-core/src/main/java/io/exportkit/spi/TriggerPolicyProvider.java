package io.exportkit.spi;

import io.exportkit.Trigger;

/**
 * Computes one kind of trigger: its id is {@link io.exportkit.TriggerKind#id()}. Stateless and
 * thread-safe; registered in {@code META-INF/services/io.exportkit.spi.TriggerPolicyProvider}.
 */
public interface TriggerPolicyProvider {

  /** The trigger kind's id: {@code planned}, {@code at-end}, {@code daily}, {@code weekly}. */
  String id();

  /** The policy for {@code trigger}, whose kind has this provider's id. */
  TriggerPolicy policy(Trigger trigger);
}
