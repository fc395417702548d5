package io.exportkit.scheduling.trigger;

import io.exportkit.Trigger;
import io.exportkit.spi.TriggerContext;
import io.exportkit.spi.TriggerPolicy;
import io.exportkit.spi.TriggerPolicyProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The next fire instants of a trigger, by the policies of this package, e.g. to show a customer
 * when a schedule will run:
 *
 * <pre>{@code
 * Trigger weekly = Trigger.parse("weekly:MONDAY@06:30", ZoneId.of("Europe/Paris"));
 * Instant now = Instant.now();
 * List<Instant> next = TriggerPreview.next(weekly, new TriggerContext(now, now, null, null), 5);
 * }</pre>
 */
public final class TriggerPreview {

  private TriggerPreview() {
  }

  /**
   * The first {@code count} fire instants of {@code trigger} from {@code context}, earliest first;
   * fewer when it stops firing (a one-shot trigger fires once, or never if its instant is past; an
   * {@code at-end} trigger needs the context's operation end). Each is computed from the one
   * before, as a scheduler does after each run.
   *
   * @throws IllegalArgumentException when {@code count} is negative
   */
  public static List<Instant> next(Trigger trigger, TriggerContext context, int count) {
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(context, "context");
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0: " + count);
    }
    TriggerPolicy policy = provider(trigger).policy(trigger);
    List<Instant> fires = new ArrayList<>(count);
    TriggerContext at = context;
    while (fires.size() < count) {
      Optional<Instant> next = policy.nextFire(at);
      if (next.isEmpty()) {
        break;
      }
      fires.add(next.get());
      at = new TriggerContext(next.get(), context.publishedAt(), next.get(), context.operationEnd());
    }
    return fires;
  }

  private static TriggerPolicyProvider provider(Trigger trigger) {
    return switch (trigger.kind()) {
      case IMMEDIATE -> new ImmediateTriggerPolicyProvider();
      case PLANNED -> new PlannedTriggerPolicyProvider();
      case AT_OPERATION_END -> new AtOperationEndTriggerPolicyProvider();
      case DAILY -> new DailyTriggerPolicyProvider();
      case WEEKLY -> new WeeklyTriggerPolicyProvider();
    };
  }
}
