package io.exportkit;

import java.util.EnumSet;
import java.util.Set;

/**
 * When an export runs. Each kind is computed by the {@link io.exportkit.spi.TriggerPolicyProvider}
 * whose id is {@link #id()}; {@link #IMMEDIATE} is built into the core.
 */
public enum TriggerKind {
  /** Runs when the export is published. */
  IMMEDIATE("immediate", false),
  /** Runs once at a local date-time. */
  PLANNED("planned", false),
  /** Runs once when the operation ends (plus an optional delay). */
  AT_OPERATION_END("at-end", false),
  /** Runs every day at a local time. */
  DAILY("daily", true),
  /** Runs every week on a day at a local time. */
  WEEKLY("weekly", true);

  private final String id;
  private final boolean recurring;

  TriggerKind(String id, boolean recurring) {
    this.id = id;
    this.recurring = recurring;
  }

  /** The id of the {@link io.exportkit.spi.TriggerPolicyProvider} that computes this kind. */
  public String id() {
    return id;
  }

  /** Whether the export fires again after a run. */
  public boolean recurring() {
    return recurring;
  }

  /** The kinds the product allows for each export type (from the product description). */
  public static Set<TriggerKind> allowedFor(ExportType type) {
    return switch (type) {
      case RAPID -> EnumSet.of(IMMEDIATE, PLANNED, AT_OPERATION_END);
      case CUSTOM -> EnumSet.allOf(TriggerKind.class);
      case GLOBAL -> EnumSet.of(IMMEDIATE, PLANNED, DAILY, WEEKLY);
    };
  }
}
