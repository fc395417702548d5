package io.exportkit;

/** The kind of game an operation runs; it decides which contents make sense. */
public enum GameKind {
  INSTANT_WIN,
  QUIZ,
  SWEEPSTAKES,
  OTHER
}
