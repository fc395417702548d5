package io.exportkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exportkit.Entitlements;
import io.exportkit.ExportService;
import io.exportkit.ParticipantSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --statistics}: the synthetic account's statistics as one line of JSON, equal to what its exports hold. */
class StatisticsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PARTICIPANTS = "500";
  private static final String SEED = "7";

  @TempDir
  Path dir;

  @Test
  void printsOneLineOfJsonWithEveryOperationAndTheTotal() throws IOException {
    Demo.Result result = Demo.run("--statistics", "--participants", PARTICIPANTS, "--seed", SEED);

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out().lines()).hasSize(1);
    JsonNode statistics = JSON.readTree(result.out());
    assertThat(names(statistics)).containsExactly("zone", "operations", "total");
    assertThat(statistics.get("zone").asText()).isEqualTo("UTC");
    assertThat(statistics.get("operations")).extracting(o -> o.get("operation").asText(), o -> o.get("name").asText())
        .containsExactly(tuple(SyntheticAccount.INSTANT_WIN, "Spring instant win"), tuple(SyntheticAccount.QUIZ, "Summer quiz"),
            tuple(SyntheticAccount.SWEEPSTAKES, "Late-summer sweepstakes"));
    JsonNode instantWin = operation(statistics, SyntheticAccount.INSTANT_WIN);
    assertThat(names(instantWin)).containsExactly("operation", "name", "participations", "participants", "winners",
        "firstParticipation", "lastParticipation", "participationsPerDay");
    assertThat(instantWin.get("winners").isIntegralNumber()).isTrue();
    assertThat(operation(statistics, SyntheticAccount.QUIZ).get("winners").isNull()).as("a quiz has no winners-only export")
        .isTrue();
    assertThat(names(statistics.get("total"))).containsExactly("participations", "participants", "winners",
        "firstParticipation", "lastParticipation", "participationsPerDay");
  }

  @Test
  void figuresEqualTheRowsOfTheExportsOfTheSameSeed() throws IOException {
    JsonNode statistics = statistics("UTC");

    for (String id : List.of(SyntheticAccount.INSTANT_WIN, SyntheticAccount.QUIZ, SyntheticAccount.SWEEPSTAKES)) {
      JsonNode figures = operation(statistics, id);
      Path all = export(id + "-all", "--operation", id, "--content", "all");
      List<Instant> times = participationTimes(all);
      assertThat(figures.get("participations").asLong()).as(id).isEqualTo(times.size());
      assertThat(figures.get("participants").asLong()).as(id)
          .isEqualTo(rows(export(id + "-participants", "--operation", id, "--content", "participants")));
      assertThat(figures.get("firstParticipation").asText()).as(id).isEqualTo(min(times).toString());
      assertThat(figures.get("lastParticipation").asText()).as(id).isEqualTo(max(times).toString());
      assertThat(perDay(figures)).as(id).containsExactlyEntriesOf(perDay(times, ZoneId.of("UTC")));
    }
    long winners = rows(export("winners", "--content", "winners"));
    assertThat(operation(statistics, SyntheticAccount.INSTANT_WIN).get("winners").asLong()).isEqualTo(winners).isPositive();
    JsonNode total = statistics.get("total");
    String everything = "2026-01-01/2026-12-31";
    List<Instant> times = participationTimes(export("global-all", "--type", "global", "--period", everything));
    assertThat(total.get("participations").asLong()).isEqualTo(times.size());
    assertThat(total.get("participants").asLong()).as("each person once, whatever games they played")
        .isEqualTo(rows(export("global-participants", "--type", "global", "--period", everything, "--content", "participants")))
        .isEqualTo(Long.parseLong(PARTICIPANTS));
    assertThat(total.get("winners").asLong()).isEqualTo(winners);
    assertThat(total.get("firstParticipation").asText()).isEqualTo(min(times).toString());
    assertThat(total.get("lastParticipation").asText()).isEqualTo(max(times).toString());
    assertThat(perDay(total)).containsExactlyEntriesOf(perDay(times, ZoneId.of("UTC")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Europe/Paris", "Pacific/Kiritimati", "America/Los_Angeles", "+05:30"})
  void zoneCountsEachParticipationOnItsLocalDay(String zone) throws IOException {
    List<Instant> times = participationTimes(export("all", "--operation", SyntheticAccount.INSTANT_WIN));

    JsonNode statistics = statistics(zone);

    assertThat(statistics.get("zone").asText()).isEqualTo(zone);
    JsonNode figures = operation(statistics, SyntheticAccount.INSTANT_WIN);
    Map<String, Long> local = perDay(figures);
    assertThat(local).containsExactlyEntriesOf(perDay(times, ZoneId.of(zone)))
        .isNotEqualTo(perDay(times, ZoneId.of("UTC")));
    assertThat(local.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(figures.get("participations").asLong());
    assertThat(figures.get("firstParticipation").asText()).as("an instant, whatever the zone").isEqualTo(min(times).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"--to file:exports", "--format json", "--format-option layout=ndjson", "--compress gzip",
      "--type global", "--operation quiz", "--content winners", "--naming x.{ext}", "--trigger daily:06:00",
      "--preview 3", "--now 2026-03-27T12:00:00Z", "--password-env DEMO_UNSET_VARIABLE", "--insecure-trust-all"})
  void optionsThatDoNotApplyAreRefused(String option) {
    List<String> args = new ArrayList<>(List.of("--statistics"));
    args.addAll(List.of(option.split(" ")));

    Demo.Result result = Demo.run(args.toArray(String[]::new));

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("--statistics prints the account's statistics and exports nothing: "
        + option.split(" ")[0] + " does not apply to it; it takes --participants, --seed and --zone only", "--help");
  }

  @Test
  void everyOptionThatDoesNotApplyIsNamed() {
    Demo.Result result = Demo.run("--to", "file:exports", "--statistics", "--format", "json");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("--format, --to do not apply to it");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--statistics --zone Mars/Olympus", "--statistics=yes", "--statistics --participants -1"})
  void badValuesAreRefused(String args) {
    Demo.Result result = Demo.run(args.split(" "));

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("--help");
  }

  @Test
  void sourceThatFailsWhileCountingExitsWithOneSayingWhy() {
    SyntheticAccount account = new SyntheticAccount(42, 10);
    ParticipantSource unreachable = query -> {
      throw new IllegalStateException("the database is unreachable");
    };
    ExportService exports = ExportService.builder()
        .participantSource(unreachable)
        .operationDirectory(account)
        .entitlements(Entitlements.ALL)
        .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit = DemoCommand.statistics(exports, account, ZoneId.of("UTC"), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("exportkit-demo: the statistics could not be counted: ")
        .contains("the database is unreachable");
  }

  @Test
  void helpDescribesStatistics() {
    Demo.Result result = Demo.run("--help");

    assertThat(result.exit()).isZero();
    assertThat(result.out()).contains("--statistics", "participations per day in --zone")
        .doesNotContain("--out --statistics");
  }

  private JsonNode statistics(String zone) throws IOException {
    Demo.Result result = Demo.run("--statistics", "--participants", PARTICIPANTS, "--seed", SEED, "--zone", zone);
    assertThat(result.exit()).as(result.err()).isZero();
    return JSON.readTree(result.out());
  }

  /** Exports the same account as CSV with {@code options} into {@code NAME.csv}, and returns the file. */
  private Path export(String name, String... options) {
    List<String> args = new ArrayList<>(List.of("--participants", PARTICIPANTS, "--seed", SEED, "--to", "file:" + dir,
        "--naming", name + ".{ext}"));
    args.addAll(List.of(options));
    Demo.Result result = Demo.run(args.toArray(String[]::new));
    assertThat(result.exit()).as(result.err()).isZero();
    return dir.resolve(name + ".csv");
  }

  private static long rows(Path csv) throws IOException {
    return DemoCommandTest.csv(csv).size() - 1;
  }

  /** The "Participated at" column of a CSV export. */
  private static List<Instant> participationTimes(Path csv) throws IOException {
    List<CSVRecord> records = DemoCommandTest.csv(csv);
    int column = records.get(0).toList().indexOf("Participated at");
    assertThat(column).as("%s has the participation time", csv).isNotNegative();
    return records.subList(1, records.size()).stream().map(r -> OffsetDateTime.parse(r.get(column)).toInstant()).toList();
  }

  private static Map<String, Long> perDay(List<Instant> times, ZoneId zone) {
    Map<String, Long> perDay = new TreeMap<>();
    times.forEach(at -> perDay.merge(LocalDate.ofInstant(at, zone).toString(), 1L, Long::sum));
    return perDay;
  }

  /** The per-day counts of a JSON figures object, in the order printed. */
  private static Map<String, Long> perDay(JsonNode figures) {
    return JSON.convertValue(figures.get("participationsPerDay"), new TypeReference<LinkedHashMap<String, Long>>() { });
  }

  private static JsonNode operation(JsonNode statistics, String id) {
    for (JsonNode operation : statistics.get("operations")) {
      if (operation.get("operation").asText().equals(id)) {
        return operation;
      }
    }
    throw new AssertionError("no operation " + id + " in " + statistics);
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Instant min(List<Instant> times) {
    return times.stream().min(Instant::compareTo).orElseThrow();
  }

  private static Instant max(List<Instant> times) {
    return times.stream().max(Instant::compareTo).orElseThrow();
  }
}
