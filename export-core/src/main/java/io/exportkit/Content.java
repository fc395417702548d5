package io.exportkit;

/** Which rows an export holds. */
public enum Content {
  /** One row per participation (the default). */
  ALL_PARTICIPATIONS,
  /** One row per participant, with participant-level fields only. */
  PARTICIPANTS,
  /** Winning participations only; allowed for instant-win operations only. */
  WINNERS
}
