package io.exportkit.examples;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The demo's command line: the synthetic account ({@code --participants}, {@code --seed}) and one
 * options record per feature, each reading and checking its own options. Wiring a new feature
 * means a new record here and its names out of {@link #LATER}.
 *
 * @param decrypt what to decrypt instead of exporting, or {@code null} to export
 */
record DemoOptions(
    boolean help,
    long participants,
    long seed,
    ExportOptions export,
    DeliveryOptions delivery,
    TriggerOptions trigger,
    EncryptionOptions encryption,
    StatisticsOptions statistics,
    @Nullable DecryptOptions decrypt) {

  static final long DEFAULT_PARTICIPANTS = 100_000;
  /** A billion per operation already takes hours to export; more is a typo, not a demo. */
  static final long MAX_PARTICIPANTS = 1_000_000_000;
  static final long DEFAULT_SEED = 42;

  /** Options of features this version does not ship yet, and the feature each belongs to: none today. */
  private static final Map<String, String> LATER = Map.of();

  /**
   * Parses {@code args}; {@code --name value} and {@code --name=value} are both accepted.
   *
   * @param secrets checks that the environment variables the options name are set
   * @throws IllegalArgumentException with a message for the user when an option is unknown, not
   *     available in this version, repeated, or has a bad value
   */
  static DemoOptions parse(String[] args, EnvironmentSecrets secrets) {
    Set<String> valued = new HashSet<>(Set.of("--participants", "--seed"));
    valued.addAll(ExportOptions.VALUED);
    valued.addAll(DeliveryOptions.VALUED);
    valued.addAll(TriggerOptions.VALUED);
    valued.addAll(EncryptionOptions.VALUED);
    valued.addAll(DecryptOptions.VALUED);
    Set<String> repeatable = new HashSet<>(ExportOptions.REPEATABLE);
    repeatable.addAll(EncryptionOptions.REPEATABLE);
    Set<String> flags = new HashSet<>(DeliveryOptions.FLAGS);
    flags.addAll(EncryptionOptions.FLAGS);
    flags.addAll(StatisticsOptions.FLAGS);
    // With --help the line holds no values, so every option below takes its default.
    CommandLine line = CommandLine.parse(args, valued, repeatable, flags, LATER);
    // First, so that an option --statistics or --decrypt does not take is refused as such, before its value is checked.
    StatisticsOptions statistics = StatisticsOptions.parse(line);
    DecryptOptions decrypt = DecryptOptions.parse(line, secrets);
    return new DemoOptions(
        line.help(),
        line.value("--participants").map(DemoOptions::participants).orElse(DEFAULT_PARTICIPANTS),
        line.value("--seed").map(value -> number("--seed", value)).orElse(DEFAULT_SEED),
        ExportOptions.parse(line),
        DeliveryOptions.parse(line, secrets),
        TriggerOptions.parse(line),
        EncryptionOptions.parse(line, secrets),
        statistics,
        decrypt);
  }

  private static long participants(String value) {
    try {
      long participants = Long.parseLong(value.strip());
      if (participants >= 0 && participants <= MAX_PARTICIPANTS) {
        return participants;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--participants must be a whole number from 0 to " + MAX_PARTICIPANTS
        + ", not '" + value + "'");
  }

  private static long number(String option, String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a whole number, not '" + value + "'", e);
    }
  }
}
