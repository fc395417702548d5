package io.exportkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.ExportDefinition;
import java.io.IOException;
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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DemoCommandTest {

  @TempDir
  Path dir;

  @Test
  void rapidExportDeliversEveryParticipationAndReportsTheDeliveredBytes() throws Exception {
    Demo.Result result = Demo.run("--participants", "1000", "--to", "file:" + dir, "--naming", "demo.{ext}");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out().lines()).hasSize(1);
    Map<String, Object> report = result.report();
    Path file = dir.resolve("demo.csv");
    List<CSVRecord> records = csv(file);
    assertThat(report).containsEntry("outcome", "SUCCEEDED").containsEntry("rows", 1000L)
        .containsEntry("bytes", Files.size(file)).containsEntry("sha256", sha256(file))
        .containsEntry("file", "demo.csv").containsEntry("location", file.toAbsolutePath().toUri().toString())
        .containsKey("durationMs");
    assertThat(records).hasSize(1 + 1000);
    assertThat(records.get(0).values()).contains("E-mail", "Participated at", "Prize");
    assertThat(result.err()).contains("exported 1,000 rows");
  }

  @Test
  void participantsOnlyHasOneRowPerParticipantAndNoParticipationColumns() throws Exception {
    Demo.Result result = Demo.run("--participants", "1000", "--content", "participants", "--to", "file:" + dir, "--naming", "demo.{ext}");

    assertThat(result.exit()).as(result.err()).isZero();
    List<CSVRecord> records = csv(dir.resolve("demo.csv"));
    assertThat(records).hasSize(1 + 1000);
    assertThat(records.get(0).values()).contains("E-mail").doesNotContain("Participated at", "Won", "Prize");
  }

  @Test
  void winnersOnlyHasTheWinningParticipationsOfTheInstantWin() throws Exception {
    Demo.Result result = Demo.run("--participants", "1000", "--content", "winners", "--to", "file:" + dir, "--naming", "demo.{ext}");

    assertThat(result.exit()).as(result.err()).isZero();
    long rows = (Long) result.report().get("rows");
    assertThat(rows).isBetween(50L, 150L);
    assertThat(csv(dir.resolve("demo.csv"))).hasSize(1 + (int) rows);
  }

  @Test
  void customExportHasTheChosenFieldsInOrder() throws Exception {
    Demo.Result result = Demo.run("--participants", "1000", "--type", "custom", "--operation", "quiz", "--fields", "score,email,answer",
        "--to", "file:" + dir, "--naming", "demo.{ext}");

    assertThat(result.exit()).as(result.err()).isZero();
    List<CSVRecord> records = csv(dir.resolve("demo.csv"));
    assertThat(records.get(0).values()).containsExactly("Score", "E-mail", "Answer");
    assertThat(records).hasSize(1 + 1000);
  }

  @Test
  void globalExportHoldsTheOperationsOfThePeriod() throws Exception {
    Demo.Result result = Demo.run("--participants", "1000", "--type", "global", "--period", "2026-05-01/2026-05-31",
        "--to", "file:" + dir, "--naming", "demo.{ext}");

    assertThat(result.exit()).as(result.err()).isZero();
    List<CSVRecord> records = csv(dir.resolve("demo.csv"));
    assertThat(records.get(0).get(0)).isEqualTo("Operation");
    assertThat(records.subList(1, records.size())).isNotEmpty()
        .extracting(r -> r.get(0)).containsOnly("instant-win", "quiz");
    assertThat(result.report()).containsEntry("rows", (long) records.size() - 1);
  }

  @Test
  void globalExportOfChosenOperations() throws Exception {
    Demo.Result result = Demo.run("--participants", "1000", "--type", "global", "--operation", "quiz,sweepstakes",
        "--period", "2026-01-01/2026-12-31", "--to", "file:" + dir, "--naming", "demo.{ext}");

    assertThat(result.exit()).as(result.err()).isZero();
    List<CSVRecord> records = csv(dir.resolve("demo.csv"));
    assertThat(records).hasSize(1 + 2000);
    assertThat(records.subList(1, records.size())).extracting(r -> r.get(0)).containsOnly("quiz", "sweepstakes");
  }

  @Test
  void globalExportOfAllOperationsSaidExplicitly() throws Exception {
    Demo.Result result = Demo.run("--participants", "100", "--type", "global", "--operation", "all",
        "--period", "2026-01-01/2026-12-31", "--to", "file:" + dir, "--naming", "demo.{ext}");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(csv(dir.resolve("demo.csv"))).hasSize(1 + 300);
  }

  @Test
  void sameSeedGivesByteIdenticalFilesAndAnotherSeedAnotherFile() throws Exception {
    Path first = Files.createDirectory(dir.resolve("first"));
    Path again = Files.createDirectory(dir.resolve("again"));
    Path other = Files.createDirectory(dir.resolve("other"));

    Demo.run("--participants", "1000", "--seed", "7", "--to", "file:" + first, "--naming", "demo.{ext}");
    Demo.run("--participants", "1000", "--seed", "7", "--to", "file:" + again, "--naming", "demo.{ext}");
    Demo.run("--participants", "1000", "--seed", "8", "--to", "file:" + other, "--naming", "demo.{ext}");

    byte[] bytes = Files.readAllBytes(first.resolve("demo.csv"));
    assertThat(Files.readAllBytes(again.resolve("demo.csv"))).isEqualTo(bytes);
    assertThat(Files.readAllBytes(other.resolve("demo.csv"))).isNotEqualTo(bytes);
  }

  @Test
  void defaultNamingNamesTheFileAfterTheExportAndTheRunTime() {
    Demo.Result result = Demo.run("--participants", "10", "--to", "file:" + dir);

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat((String) result.report().get("file")).matches("demo-instant-win_\\d{8}-\\d{6}\\.csv");
  }

  @Test
  void failedDeliveryIsReportedAsJsonWithExitCodeOne() {
    Demo.run("--participants", "10", "--to", "file:" + dir, "--naming", "demo.{ext}");

    Demo.Result result = Demo.run("--participants", "10", "--to", "file:" + dir, "--naming", "demo.{ext}");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out().lines()).hasSize(1);
    Map<String, Object> report = result.report();
    assertThat(report).containsEntry("outcome", "FAILED").containsEntry("location", null);
    assertThat((String) report.get("error")).contains("exists");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--encrypt-to missing.asc", "--armor", "--sign-with key.asc", "--sign-passphrase-env PW",
      "--decrypt in.gpg", "--secret-key key.asc", "--passphrase-env PW", "--verify-with key.asc", "--out plain.csv",
      "--decrypt in.gpg --format json", "--decrypt in.gpg --secret-key key.asc --out plain.csv"})
  void openPgpOptionsWithoutWhatTheyNeedExitWithTwo(String options) {
    String[] args = (options + " --participants 10 --to file:" + dir).split(" ");

    Demo.Result result = Demo.run(args);

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("--help");
    assertThat(dir).isEmptyDirectory();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--colour blue", "--participants many", "--participants -5", "--seed 4.2", "--type fancy",
      "--content losers", "--period 2026-01-01", "--compress rar", "--trigger sometimes", "--to exports", "extra",
      "--seed 1 --seed 2", "--fields a,,b", "--participants", "--zone Mars/Olympus", "--now yesterday",
      "--preview -1", "--preview lots", "--preview 10001", "--insecure-trust-all=yes", "--password-env",
      "--trigger daily:25:00", "--format CSV", "--format-option layout", "--format-option =ndjson",
      "--format-option layout=array --format-option layout=ndjson"})
  void unknownOptionsAndBadValuesExitWithTwo(String args) {
    Demo.Result result = Demo.run(args.split(" "));

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("--help");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--type global --period 2026-05-01/+999999999-12-31 --to file:target/never|--period: period must lie within the years 0001 to 9999",
      "--type global --period -999999999-01-01/2026-05-01 --to file:target/never|--period: period must lie within the years 0001 to 9999",
      "--trigger daily:06:00 --preview 3 --now +999999999-12-31T23:00:00Z|--now must lie within the years 0001 to 9999",
      "--trigger weekly:MONDAY@06:00 --preview 3 --now -999999999-01-01T00:00:00Z|--now must lie within the years 0001 to 9999",
      "--participants 9223372036854775807 --to file:target/never|--participants must be a whole number from 0 to 1000000000",
      "--participants 99999999999999999999|--participants must be a whole number from 0 to 1000000000",
      "--statistics --participants 1000000001|--participants must be a whole number from 0 to 1000000000"})
  void extremeDatesAndCountsExitWithTwoAndAClearMessage(String args, String message) {
    Demo.Result result = Demo.run(args.split(" "));

    assertThat(result.exit()).as(result.err()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void winnersOfAQuizAreRefusedAsBadInput() {
    Demo.Result result = Demo.run("--operation", "quiz", "--content", "winners", "--to", "file:" + dir);

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("winners only is for instant-win operations");
  }

  @Test
  void customFieldTheOperationLacksIsRefusedAsBadInput() {
    Demo.Result result = Demo.run("--type", "custom", "--operation", "instant-win", "--fields", "email,score", "--to", "file:" + dir);

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("has no field 'score'");
  }

  @Test
  void globalExportWithoutPeriodIsRefusedAsBadInput() {
    Demo.Result result = Demo.run("--type", "global", "--to", "file:" + dir);

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("period");
  }

  @Test
  void formatNoProviderServesIsRefusedListingTheAvailableOnes() {
    Demo.Result result = Demo.run("--format", "parquet", "--to", "file:" + dir);

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("parquet").contains("available formats: [").contains("csv");
  }

  @Test
  void formatOptionReachesTheFormat() throws Exception {
    Demo.Result result = Demo.run("--participants", "100", "--format", "json", "--format-option", "layout=ndjson",
        "--to", "file:" + dir, "--naming", "demo.{ext}");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(Files.readAllLines(dir.resolve("demo.json"), StandardCharsets.UTF_8)).hasSize(100)
        .allSatisfy(line -> assertThat(line).startsWith("{\"ID\":").endsWith("}"));
  }

  @Test
  void repeatedFormatOptionsAllReachTheFormat() throws Exception {
    Demo.Result result = Demo.run("--participants", "100", "--format", "txt", "--format-option", "layout=fixed",
        "--format-option", "widths=7,45,12,22,20,10,6,20,5,30", "--format-option", "overflow=truncate",
        "--format-option", "lineEnding=lf", "--to", "file:" + dir, "--naming", "demo.{ext}");

    assertThat(result.exit()).as(result.err()).isZero();
    String text = Files.readString(dir.resolve("demo.txt"), StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("\r");
    assertThat(text.lines()).hasSize(1 + 100)
        .allSatisfy(line -> assertThat(line.codePointCount(0, line.length())).isEqualTo(177));
  }

  @Test
  void txtWidthsOfAnotherCountThanTheColumnsAreRefusedBeforeTheRunNamingTheColumns() {
    Demo.Result result = Demo.run("--format", "txt", "--format-option", "layout=fixed", "--format-option",
        "widths=7,45", "--to", "file:" + dir);

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("format: option 'widths' gives 2 widths for 10 columns [id, email, first_name,")
        .contains("give one width per column");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void formatOptionValueMayHoldAnEqualsSign() throws Exception {
    Demo.Result result = Demo.run("--participants", "10", "--format-option", "nullText==", "--to", "file:" + dir,
        "--naming", "demo.{ext}");

    assertThat(result.exit()).as(result.err()).isZero();
    List<CSVRecord> records = csv(dir.resolve("demo.csv"));
    assertThat(records.get(0).get(9)).isEqualTo("Prize");
    assertThat(records.subList(1, records.size())).extracting(r -> r.get(9)).contains("=");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "json|layout=lines|option 'layout' accepts array or ndjson; got \"lines\"",
      "xml|delimiter=;|unknown option 'delimiter'",
      "json|neutraliseFormulas=false|'neutraliseFormulas' applies to the csv and txt formats only",
      "txt|layout=fixed|layout=fixed needs the option 'widths'",
      "csv|bom=maybe|'bom'"})
  void badFormatOptionIsRefusedByTheFormatSayingWhatItAccepts(String format, String option, String message) {
    Demo.Result result = Demo.run("--format", format, "--format-option", option, "--to", "file:" + dir);

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains(message);
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void destinationNoTransportServesIsRefusedListingTheAvailableOnes() {
    Demo.Result result = Demo.run("--to", "webdav://acme@reports.example.org/out");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("\"webdav\"").contains("[file, ftp, ftps, gs, s3, sftp]");
  }

  @Test
  void helpPrintsTheOptions() {
    Demo.Result result = Demo.run("--help");

    assertThat(result.exit()).isZero();
    assertThat(result.out()).contains("Usage:", "--participants", "--naming", ExportDefinition.DEFAULT_NAMING,
        "--password-env", "--identity", "--known-hosts", "--host-key-fingerprint", "--ca-cert", "--insecure-trust-all",
        "--trigger", "--zone", "--preview", "--now", "--format csv|json|xml|txt", "--format-option KEY=VALUE",
        "--compress none|gzip|zip", "s3://BUCKET/PREFIX?endpoint=URL&region=R&pathStyle=true",
        "gs://BUCKET/PREFIX?host=URL&project=P", "AWS_ACCESS_KEY_ID", "GOOGLE_APPLICATION_CREDENTIALS");
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
