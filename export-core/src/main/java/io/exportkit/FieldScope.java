package io.exportkit;

/** Whether a field describes the participant or one participation. */
public enum FieldScope {
  /** The same for every participation of a participant: e-mail, name, opt-in. */
  PARTICIPANT,
  /** Specific to one participation: its date, whether it won, the answer given. */
  PARTICIPATION
}
