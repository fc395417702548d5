package io.exportkit;

import java.util.EnumSet;
import java.util.Set;

/** What a caller can do to an export, and in which statuses each action is allowed. */
public enum ExportAction {
  /** Replace the definition. */
  UPDATE(EnumSet.of(ExportStatus.DRAFT)),
  /** Leave Draft: run now (immediate) or wait for the trigger. */
  PUBLISH(EnumSet.of(ExportStatus.DRAFT)),
  /** Put a scheduled custom export back to Draft. */
  DISABLE(EnumSet.of(ExportStatus.SCHEDULED)),
  /** Remove it for good. */
  DELETE(EnumSet.of(ExportStatus.DRAFT, ExportStatus.CLOSED)),
  /** Run it once more, outside its trigger. */
  RUN(EnumSet.of(ExportStatus.SCHEDULED, ExportStatus.CLOSED)),
  /** Copy it into a new Draft. */
  DUPLICATE(EnumSet.allOf(ExportStatus.class)),
  /** Mark or unmark it as a favorite. */
  FAVORITE(EnumSet.allOf(ExportStatus.class)),
  /**
   * End its run as failed and put it back at rest: the operator's way out when the process that ran
   * it is gone; see {@link ExportService#endRun}.
   */
  END_RUN(EnumSet.of(ExportStatus.IN_PROGRESS));

  private final Set<ExportStatus> allowedIn;

  ExportAction(Set<ExportStatus> allowedIn) {
    this.allowedIn = allowedIn;
  }

  /** Whether this action is allowed on an export in {@code status}. */
  public boolean allowedIn(ExportStatus status) {
    return allowedIn.contains(status);
  }

  /** The actions allowed on an export in {@code status}. */
  public static Set<ExportAction> allowedActions(ExportStatus status) {
    Set<ExportAction> allowed = EnumSet.noneOf(ExportAction.class);
    for (ExportAction action : values()) {
      if (action.allowedIn(status)) {
        allowed.add(action);
      }
    }
    return allowed;
  }
}
