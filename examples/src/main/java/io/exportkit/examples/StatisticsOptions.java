package io.exportkit.examples;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * Whether to print the account's statistics instead of exporting: {@code --statistics}, with the
 * days counted in {@code --zone}. It exports nothing, so it takes only the options that shape the
 * account ({@code --participants}, {@code --seed}) and {@code --zone}; any other option is refused
 * rather than silently ignored, so that nobody believes a file was delivered.
 *
 * @param requested whether {@code --statistics} is given
 * @param zone the time zone in which participations are counted per day
 */
record StatisticsOptions(boolean requested, ZoneId zone) {

  static final Set<String> FLAGS = Set.of("--statistics");

  /** Printed as {@code "zone":"UTC"}; {@code ZoneOffset.UTC} would print as {@code "Z"}. */
  static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

  private static final Set<String> ACCEPTED = Set.of("--statistics", "--participants", "--seed", "--zone");

  /**
   * @throws IllegalArgumentException when {@code --statistics} comes with an option that does not
   *     apply to it, or {@code --zone} is not a time zone
   */
  static StatisticsOptions parse(CommandLine line) {
    boolean requested = line.has("--statistics");
    if (requested) {
      List<String> others = line.options().stream().filter(option -> !ACCEPTED.contains(option)).sorted().toList();
      if (!others.isEmpty()) {
        throw new IllegalArgumentException("--statistics prints the account's statistics and exports nothing: "
            + String.join(", ", others) + (others.size() == 1 ? " does" : " do")
            + " not apply to it; it takes --participants, --seed and --zone only");
      }
    }
    return new StatisticsOptions(requested, line.value("--zone").map(TriggerOptions::zone).orElse(DEFAULT_ZONE));
  }
}
