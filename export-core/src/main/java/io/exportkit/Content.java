package io.exportkit;

/** Which rows an export holds. */
public enum Content {
  /** One row per participation (the default). */
  ALL_PARTICIPATIONS,
  /**
   * One row per participant, with participant-level fields only. Over several operations (a global
   * export), each participant appears once, under the first queried operation they took part in.
   */
  PARTICIPANTS,
  /** Winning participations only; allowed for instant-win operations only. */
  WINNERS
}
