package io.exportkit;

import java.util.Set;

/**
 * An action is not allowed in the export's current status, e.g. editing an export that is no
 * longer a Draft. The message names the status and the actions that are allowed in it.
 *
 * <p>An expected refusal, like every {@link ExportException}: two users acting on one export at
 * once meet it even when the UI offers only allowed actions.
 */
public class IllegalStateTransitionException extends ExportException {
  private static final long serialVersionUID = 1L;

  private final String exportId;
  private final ExportAction action;
  private final ExportStatus status;

  /**
   * @param reason why the action is refused
   * @param allowed the actions this export allows now, for the message
   */
  public IllegalStateTransitionException(String exportId, ExportAction action, ExportStatus status, String reason,
      Set<ExportAction> allowed) {
    super("Cannot " + action.name().toLowerCase(java.util.Locale.ROOT) + " export '" + exportId + "': " + reason
        + ". Allowed in " + status + ": " + allowed);
    this.exportId = exportId;
    this.action = action;
    this.status = status;
  }

  public IllegalStateTransitionException(String exportId, ExportAction action, ExportStatus status) {
    this(exportId, action, status, "it is " + status + describeWhere(action), ExportAction.allowedActions(status));
  }

  private static String describeWhere(ExportAction action) {
    Set<ExportStatus> allowed = java.util.EnumSet.noneOf(ExportStatus.class);
    for (ExportStatus s : ExportStatus.values()) {
      if (action.allowedIn(s)) {
        allowed.add(s);
      }
    }
    return " and " + action.name().toLowerCase(java.util.Locale.ROOT) + " is only allowed in " + allowed;
  }

  public String exportId() {
    return exportId;
  }

  /** The refused action. */
  public ExportAction action() {
    return action;
  }

  /** The status the export was in: the transition was refused from it. */
  public ExportStatus status() {
    return status;
  }
}
