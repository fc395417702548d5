package io.exportkit.scheduling.trigger;

import io.exportkit.Trigger;
import io.exportkit.TriggerKind;
import io.exportkit.spi.TriggerPolicy;
import io.exportkit.spi.TriggerPolicyProvider;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The {@code weekly} trigger: fires every week on a day at a local time in the trigger's zone, by
 * the same daylight-saving rule as {@link DailyTriggerPolicyProvider}. Stateless and thread-safe.
 */
public final class WeeklyTriggerPolicyProvider implements TriggerPolicyProvider {

  @Override
  public String id() {
    return TriggerKind.WEEKLY.id();
  }

  @Override
  public TriggerPolicy policy(Trigger trigger) {
    ZoneId zone = LocalTimes.require(trigger, TriggerKind.WEEKLY).zone();
    LocalTime time = Objects.requireNonNull(trigger.time(), "time");
    DayOfWeek day = Objects.requireNonNull(trigger.day(), "day");
    return context -> LocalTimes.next(LocalTimes.after(context), time, zone, date -> date.getDayOfWeek() == day);
  }
}
