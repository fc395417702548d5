package io.exportkit.scheduling.trigger;

import io.exportkit.Trigger;
import io.exportkit.TriggerKind;
import io.exportkit.spi.TriggerPolicy;
import io.exportkit.spi.TriggerPolicyProvider;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The {@code daily} trigger: fires every day at a local time in the trigger's zone, once a day
 * whatever daylight saving does (a time in the spring-forward gap fires at the end of the gap, a
 * time of the autumn overlap at its first occurrence). The next fire is the first after the
 * context's {@code now} (or its last fire, if later). Stateless and thread-safe.
 */
public final class DailyTriggerPolicyProvider implements TriggerPolicyProvider {

  @Override
  public String id() {
    return TriggerKind.DAILY.id();
  }

  @Override
  public TriggerPolicy policy(Trigger trigger) {
    ZoneId zone = LocalTimes.require(trigger, TriggerKind.DAILY).zone();
    LocalTime time = Objects.requireNonNull(trigger.time(), "time");
    return context -> LocalTimes.next(LocalTimes.after(context), time, zone, date -> true);
  }
}
