package io.exportkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.ExportDefinition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoCommandTest {

  @TempDir
  Path dir;

  @Test
  void rapidExportDeliversEveryParticipationAndReportsTheDeliveredBytes() throws Exception {
    Result result = demo("--participants", "1000", "--to", "file:" + dir, "--naming", "demo.{ext}");

    assertThat(result.exit).as(result.err).isZero();
    assertThat(result.out.lines()).hasSize(1);
    Map<String, Object> report = JsonLine.parse(result.out.strip());
    Path file = dir.resolve("demo.csv");
    List<CSVRecord> records = csv(file);
    assertThat(report).containsEntry("outcome", "SUCCEEDED").containsEntry("rows", 1000L)
        .containsEntry("bytes", Files.size(file)).containsEntry("sha256", sha256(file))
        .containsEntry("file", "demo.csv").containsEntry("location", file.toAbsolutePath().toUri().toString())
        .containsKey("durationMs");
    assertThat(records).hasSize(1 + 1000);
    assertThat(records.get(0).values()).contains("E-mail", "Participated at", "Prize");
    assertThat(result.err).contains("exported 1,000 rows");
  }

  @Test
  void participantsOnlyHasOneRowPerParticipantAndNoParticipationColumns() throws Exception {
    Result result = demo("--participants", "1000", "--content", "participants", "--to", "file:" + dir, "--naming", "demo.{ext}");

    assertThat(result.exit).as(result.err).isZero();
    List<CSVRecord> records = csv(dir.resolve("demo.csv"));
    assertThat(records).hasSize(1 + 1000);
    assertThat(records.get(0).values()).contains("E-mail").doesNotContain("Participated at", "Won", "Prize");
  }

  @Test
  void winnersOnlyHasTheWinningParticipationsOfTheInstantWin() throws Exception {
    Result result = demo("--participants", "1000", "--content", "winners", "--to", "file:" + dir, "--naming", "demo.{ext}");

    assertThat(result.exit).as(result.err).isZero();
    long rows = (Long) JsonLine.parse(result.out.strip()).get("rows");
    assertThat(rows).isBetween(50L, 150L);
    assertThat(csv(dir.resolve("demo.csv"))).hasSize(1 + (int) rows);
  }

  @Test
  void customExportHasTheChosenFieldsInOrder() throws Exception {
    Result result = demo("--participants", "1000", "--type", "custom", "--operation", "quiz", "--fields", "score,email,answer",
        "--to", "file:" + dir, "--naming", "demo.{ext}");

    assertThat(result.exit).as(result.err).isZero();
    List<CSVRecord> records = csv(dir.resolve("demo.csv"));
    assertThat(records.get(0).values()).containsExactly("Score", "E-mail", "Answer");
    assertThat(records).hasSize(1 + 1000);
  }

  @Test
  void globalExportHoldsTheOperationsOfThePeriod() throws Exception {
    Result result = demo("--participants", "1000", "--type", "global", "--period", "2026-05-01/2026-05-31",
        "--to", "file:" + dir, "--naming", "demo.{ext}");

    assertThat(result.exit).as(result.err).isZero();
    List<CSVRecord> records = csv(dir.resolve("demo.csv"));
    assertThat(records.get(0).get(0)).isEqualTo("Operation");
    assertThat(records.subList(1, records.size())).isNotEmpty()
        .extracting(r -> r.get(0)).containsOnly("instant-win", "quiz");
    assertThat(JsonLine.parse(result.out.strip())).containsEntry("rows", (long) records.size() - 1);
  }

  @Test
  void globalExportOfChosenOperations() throws Exception {
    Result result = demo("--participants", "1000", "--type", "global", "--operation", "quiz,sweepstakes",
        "--period", "2026-01-01/2026-12-31", "--to", "file:" + dir, "--naming", "demo.{ext}");

    assertThat(result.exit).as(result.err).isZero();
    List<CSVRecord> records = csv(dir.resolve("demo.csv"));
    assertThat(records).hasSize(1 + 2000);
    assertThat(records.subList(1, records.size())).extracting(r -> r.get(0)).containsOnly("quiz", "sweepstakes");
  }

  @Test
  void globalExportOfAllOperationsSaidExplicitly() throws Exception {
    Result result = demo("--participants", "100", "--type", "global", "--operation", "all",
        "--period", "2026-01-01/2026-12-31", "--to", "file:" + dir, "--naming", "demo.{ext}");

    assertThat(result.exit).as(result.err).isZero();
    assertThat(csv(dir.resolve("demo.csv"))).hasSize(1 + 300);
  }

  @Test
  void sameSeedGivesByteIdenticalFilesAndAnotherSeedAnotherFile() throws Exception {
    Path first = Files.createDirectory(dir.resolve("first"));
    Path again = Files.createDirectory(dir.resolve("again"));
    Path other = Files.createDirectory(dir.resolve("other"));

    demo("--participants", "1000", "--seed", "7", "--to", "file:" + first, "--naming", "demo.{ext}");
    demo("--participants", "1000", "--seed", "7", "--to", "file:" + again, "--naming", "demo.{ext}");
    demo("--participants", "1000", "--seed", "8", "--to", "file:" + other, "--naming", "demo.{ext}");

    byte[] bytes = Files.readAllBytes(first.resolve("demo.csv"));
    assertThat(Files.readAllBytes(again.resolve("demo.csv"))).isEqualTo(bytes);
    assertThat(Files.readAllBytes(other.resolve("demo.csv"))).isNotEqualTo(bytes);
  }

  @Test
  void defaultNamingNamesTheFileAfterTheExportAndTheRunTime() {
    Result result = demo("--participants", "10", "--to", "file:" + dir);

    assertThat(result.exit).as(result.err).isZero();
    assertThat((String) JsonLine.parse(result.out.strip()).get("file")).matches("demo-instant-win_\\d{8}-\\d{6}\\.csv");
  }

  @Test
  void failedDeliveryIsReportedAsJsonWithExitCodeOne() {
    demo("--participants", "10", "--to", "file:" + dir, "--naming", "demo.{ext}");

    Result result = demo("--participants", "10", "--to", "file:" + dir, "--naming", "demo.{ext}");

    assertThat(result.exit).isEqualTo(1);
    assertThat(result.out.lines()).hasSize(1);
    Map<String, Object> report = JsonLine.parse(result.out.strip());
    assertThat(report).containsEntry("outcome", "FAILED").containsEntry("location", null);
    assertThat((String) report.get("error")).contains("exists");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--encrypt-to key.asc", "--armor", "--sign-with key.asc", "--decrypt in.gpg", "--password-env PW",
      "--identity id_ed25519", "--known-hosts known_hosts", "--insecure-trust-all", "--ca-cert ca.pem", "--zone UTC",
      "--preview 3", "--now 2026-01-01T00:00:00Z", "--statistics", "--compress gzip", "--compress zip",
      "--trigger at-end", "--trigger daily:06:00", "--trigger weekly:MONDAY@06:00", "--trigger at:2026-12-01T08:00"})
  void optionsOfLaterVersionsAreRefusedClearly(String option) {
    Result result = demo((option + " --to file:" + dir).split(" "));

    assertThat(result.exit).isEqualTo(2);
    assertThat(result.out).isEmpty();
    assertThat(result.err).contains("not available in this version");
    assertThat(dir).isEmptyDirectory();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--colour blue", "--participants many", "--participants -5", "--seed 4.2", "--type fancy",
      "--content losers", "--period 2026-01-01", "--compress rar", "--trigger sometimes", "--to exports", "extra",
      "--seed 1 --seed 2", "--fields a,,b", "--participants"})
  void unknownOptionsAndBadValuesExitWithTwo(String args) {
    Result result = demo(args.split(" "));

    assertThat(result.exit).isEqualTo(2);
    assertThat(result.out).isEmpty();
    assertThat(result.err).contains("--help");
  }

  @Test
  void winnersOfAQuizAreRefusedAsBadInput() {
    Result result = demo("--operation", "quiz", "--content", "winners", "--to", "file:" + dir);

    assertThat(result.exit).isEqualTo(2);
    assertThat(result.out).isEmpty();
    assertThat(result.err).contains("winners only is for instant-win operations");
  }

  @Test
  void customFieldTheOperationLacksIsRefusedAsBadInput() {
    Result result = demo("--type", "custom", "--operation", "instant-win", "--fields", "email,score", "--to", "file:" + dir);

    assertThat(result.exit).isEqualTo(2);
    assertThat(result.err).contains("has no field 'score'");
  }

  @Test
  void globalExportWithoutPeriodIsRefusedAsBadInput() {
    Result result = demo("--type", "global", "--to", "file:" + dir);

    assertThat(result.exit).isEqualTo(2);
    assertThat(result.err).contains("period");
  }

  @Test
  void formatNoProviderServesIsRefusedListingTheAvailableOnes() {
    Result result = demo("--format", "parquet", "--to", "file:" + dir);

    assertThat(result.exit).isEqualTo(2);
    assertThat(result.err).contains("parquet").contains("available formats: [").contains("csv");
  }

  @Test
  void destinationWhoseTransportIsMissingNamesTheArtifactToAdd() {
    Result result = demo("--to", "sftp://acme@reports.example.org/out");

    assertThat(result.exit).isEqualTo(2);
    assertThat(result.out).isEmpty();
    assertThat(result.err).contains("sftp").contains("export-transport-sftp");
  }

  @Test
  void helpPrintsTheOptions() {
    Result result = demo("--help");

    assertThat(result.exit).isZero();
    assertThat(result.out).contains("Usage:", "--participants", "--naming", ExportDefinition.DEFAULT_NAMING);
  }

  private record Result(int exit, String out, String err) {
  }

  private static Result demo(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit = DemoCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Every record of the file, the header first. */
  static List<CSVRecord> csv(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.DEFAULT)) {
      return new ArrayList<>(parser.getRecords());
    }
  }

  static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
