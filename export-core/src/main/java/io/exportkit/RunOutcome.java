package io.exportkit;

/** How a run ended. */
public enum RunOutcome {
  /** Still producing or delivering. */
  RUNNING,
  /** The file was delivered and committed. */
  SUCCEEDED,
  /** Something failed; nothing was left visible at the destination. */
  FAILED
}
