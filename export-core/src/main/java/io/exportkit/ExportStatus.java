package io.exportkit;

/**
 * Where an export stands in its lifecycle. Only a {@link #DRAFT} can be edited.
 *
 * <pre>
 * DRAFT ──publish──▶ SCHEDULED (planned, at-end, recurring) | IN_PROGRESS (immediate)
 * SCHEDULED ──fire / run now──▶ IN_PROGRESS ──ends──▶ CLOSED (one-shot) | SCHEDULED (recurring)
 * SCHEDULED ──disable──▶ DRAFT (custom exports only)
 * CLOSED ──run now──▶ IN_PROGRESS ──ends──▶ CLOSED
 * IN_PROGRESS ──end run (operator)──▶ where the run would have left it, the run FAILED
 * </pre>
 */
public enum ExportStatus {
  /** Being edited; not yet published. */
  DRAFT,
  /** Published; waits for its trigger. */
  SCHEDULED,
  /** A run is producing or delivering the file, or a scheduled occurrence waits for its retry. */
  IN_PROGRESS,
  /** A one-shot export whose run has ended. */
  CLOSED
}
