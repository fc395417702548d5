package io.exportkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded demo jar as a user would: a separate JVM, driven only through its command line. */
class DemoJarIT {
  private static final Path JAR = Path.of("target", "exportkit-demo.jar");

  @TempDir
  Path dir;

  @Test
  void quickstartDeliversOneHundredThousandRowsAndReportsThem() throws Exception {
    Process demo = start(Map.of(), List.of("--participants", "100000", "--to", "file:" + dir, "--naming", "demo.{ext}"));

    Output output = finish(demo);

    assertThat(output.exit).as(output.err).isZero();
    assertThat(output.out.lines()).hasSize(1);
    Map<String, Object> report = JsonLine.parse(output.out.strip());
    Path file = dir.resolve("demo.csv");
    List<CSVRecord> records = DemoCommandTest.csv(file);
    assertThat(records).hasSize(1 + 100_000);
    assertThat(report).containsEntry("outcome", "SUCCEEDED").containsEntry("rows", 100_000L)
        .containsEntry("bytes", Files.size(file)).containsEntry("sha256", DemoCommandTest.sha256(file))
        .containsEntry("file", "demo.csv");
  }

  @Test
  void aMillionRowsStreamThroughASixtyFourMegabyteHeap() throws Exception {
    // About 120 MB of CSV: holding the rows or the file anywhere would exhaust this heap.
    Process demo = start(List.of("-Xmx64m"), Map.of(),
        List.of("--participants", "1000000", "--to", "file:" + dir, "--naming", "demo.{ext}"));

    Output output = finish(demo);

    assertThat(output.exit).as(output.err).isZero();
    Map<String, Object> report = JsonLine.parse(output.out.strip());
    assertThat(report).containsEntry("outcome", "SUCCEEDED").containsEntry("rows", 1_000_000L)
        .containsEntry("bytes", Files.size(dir.resolve("demo.csv")));
  }

  @Test
  void sigtermStopsTheRunReportsItFailedAndLeavesNoFileBehind() throws Exception {
    // 100 million participations, about 12 GB: far more than it can write before the signal.
    Path out = Files.createDirectory(dir.resolve("out"));
    Process demo = start(Map.of(), List.of("--participants", "100000000", "--to", "file:" + out, "--naming", "demo.{ext}"));
    awaitPartialFile(demo, out, 1_000_000);

    demo.destroy(); // SIGTERM, as a service manager or a container runtime stops a process
    Output output = finish(demo);

    assertThat(output.exit).as(output.err).isNotZero();
    assertThat(output.out.lines()).as(output.err).hasSize(1);
    Map<String, Object> report = JsonLine.parse(output.out.strip());
    assertThat(report).containsEntry("outcome", "FAILED");
    assertThat((String) report.get("error")).contains("stopped after").contains("the demo was asked to shut down");
    try (Stream<Path> left = Files.list(out)) {
      assertThat(left).as("no temporary or partial file").isEmpty();
    }
  }

  @Test
  void jsonCompressedWithGzipFindsItsFormatAndStageInTheJar() throws Exception {
    Process demo = start(Map.of(), List.of("--participants", "1000", "--format", "json", "--compress", "gzip",
        "--to", "file:" + dir, "--naming", "demo.{ext}"));

    Output output = finish(demo);

    assertThat(output.exit).as(output.err).isZero();
    Path file = dir.resolve("demo.json.gz");
    assertThat(JsonLine.parse(output.out.strip())).containsEntry("outcome", "SUCCEEDED").containsEntry("rows", 1000L)
        .containsEntry("file", "demo.json.gz").containsEntry("bytes", Files.size(file))
        .containsEntry("sha256", DemoCommandTest.sha256(file));
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      assertThat(new ObjectMapper().readTree(in)).hasSize(1000);
    }
  }

  @Test
  void sftpDeliveryReadsThePasswordFromTheEnvironment() throws Exception {
    Path root = Files.createDirectory(dir.resolve("sftp"));
    try (EmbeddedSftpServer server = EmbeddedSftpServer.start(root)) {
      Process demo = start(Map.of("DEMO_SFTP_PASSWORD", EmbeddedSftpServer.PASSWORD), List.of("--participants", "1000",
          "--to", server.uri("outbox"), "--password-env", "DEMO_SFTP_PASSWORD",
          "--host-key-fingerprint", EmbeddedSftpServer.hostKeyFingerprint(), "--naming", "demo.{ext}"));

      Output output = finish(demo);

      assertThat(output.exit).as(output.err).isZero();
      Path file = root.resolve("outbox/demo.csv");
      assertThat(JsonLine.parse(output.out.strip())).containsEntry("outcome", "SUCCEEDED").containsEntry("rows", 1000L)
          .containsEntry("sha256", DemoCommandTest.sha256(file)).containsEntry("location", server.uri("outbox/demo.csv"));
      assertThat(output.out + output.err).doesNotContain(EmbeddedSftpServer.PASSWORD);
    }
  }

  @Test
  void ftpDeliveryReadsThePasswordFromTheEnvironment() throws Exception {
    Path root = Files.createDirectory(dir.resolve("ftp"));
    try (EmbeddedFtpServer server = EmbeddedFtpServer.start(root, null)) {
      Process demo = start(Map.of("DEMO_FTP_PASSWORD", EmbeddedFtpServer.PASSWORD), List.of("--participants", "1000",
          "--to", server.uri("ftp", "outbox"), "--password-env", "DEMO_FTP_PASSWORD", "--naming", "demo.{ext}"));

      Output output = finish(demo);

      assertThat(output.exit).as(output.err).isZero();
      Path file = root.resolve("outbox/demo.csv");
      assertThat(JsonLine.parse(output.out.strip())).containsEntry("outcome", "SUCCEEDED").containsEntry("rows", 1000L)
          .containsEntry("sha256", DemoCommandTest.sha256(file));
      assertThat(output.out + output.err).doesNotContain(EmbeddedFtpServer.PASSWORD);
    }
  }

  @Test
  void s3DeliveryReadsTheAccessKeyFromTheEnvironmentAndUploadsInParts() throws Exception {
    try (EmbeddedS3Server server = EmbeddedS3Server.start()) {
      // About 11.7 MB: two parts of 8 MiB, through the shaded AWS SDK.
      Process demo = start(Map.of("AWS_ACCESS_KEY_ID", EmbeddedS3Server.ACCESS_KEY_ID,
          "AWS_SECRET_ACCESS_KEY", EmbeddedS3Server.SECRET_ACCESS_KEY), List.of("--participants", "100000",
          "--to", server.uri("outbox/"), "--naming", "demo.{ext}"));

      Output output = finish(demo);

      assertThat(output.exit).as(output.err).isZero();
      Path file = Files.write(dir.resolve("demo.csv"), server.read("outbox/demo.csv").orElseThrow());
      assertThat(JsonLine.parse(output.out.strip())).containsEntry("outcome", "SUCCEEDED").containsEntry("rows", 100_000L)
          .containsEntry("bytes", Files.size(file)).containsEntry("sha256", DemoCommandTest.sha256(file))
          .containsEntry("location", "s3://exports/outbox/demo.csv");
      assertThat(output.out + output.err).doesNotContain(EmbeddedS3Server.SECRET_ACCESS_KEY);
    }
  }

  @Test
  void s3WithoutARegionFailsSayingToAddOne() throws Exception {
    // No region in the environment, no profile file, no instance metadata: nowhere to find one.
    Map<String, String> noRegion = Map.of("AWS_CONFIG_FILE", dir.resolve("no-config").toString(),
        "AWS_EC2_METADATA_DISABLED", "true");
    Process demo = start(List.of(), noRegion, List.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE"),
        List.of("--participants", "10", "--to", "s3://exports/out/"));

    Output output = finish(demo);

    assertThat(output.exit).isEqualTo(1);
    Map<String, Object> report = JsonLine.parse(output.out.strip());
    assertThat(report).containsEntry("outcome", "FAILED");
    assertThat((String) report.get("error")).contains("add ?region=");
  }

  @Test
  void gsDeliveryToAnEmulatorWorksThroughTheShadedClient() throws Exception {
    try (FakeGcsServer server = FakeGcsServer.start("exports")) {
      Process demo = start(Map.of(), List.of("--participants", "1000",
          "--to", "gs://exports/outbox/?host=" + server.endpoint(), "--naming", "demo.{ext}"));

      Output output = finish(demo);

      assertThat(output.exit).as(output.err).isZero();
      Path file = Files.write(dir.resolve("demo.csv"), server.read("exports", "outbox/demo.csv").orElseThrow());
      assertThat(JsonLine.parse(output.out.strip())).containsEntry("outcome", "SUCCEEDED").containsEntry("rows", 1000L)
          .containsEntry("sha256", DemoCommandTest.sha256(file)).containsEntry("location", "gs://exports/outbox/demo.csv");
    }
  }

  @Test
  void unsetPasswordVariableExitsWithTwoNamingIt() throws Exception {
    Process demo = start(Map.of(), List.of("--to", "sftp://exporter@127.0.0.1:22/out", "--password-env",
        "DEMO_UNSET_PASSWORD_VARIABLE"));

    Output output = finish(demo);

    assertThat(output.exit).isEqualTo(2);
    assertThat(output.out).isEmpty();
    assertThat(output.err).contains("the environment variable DEMO_UNSET_PASSWORD_VARIABLE is not set");
  }

  @Test
  void previewPrintsTheFireInstants() throws Exception {
    Process demo = start(Map.of(), List.of("--trigger", "daily:06:30", "--zone", "Europe/Paris", "--preview", "2",
        "--now", "2026-03-28T12:00:00Z"));

    Output output = finish(demo);

    assertThat(output.exit).as(output.err).isZero();
    assertThat(output.out.lines()).containsExactly("2026-03-29T04:30:00Z", "2026-03-30T04:30:00Z");
  }

  @Test
  void statisticsPrintTheAccountAsOneLineOfJson() throws Exception {
    Process demo = start(Map.of(), List.of("--statistics", "--participants", "1000"));

    Output output = finish(demo);

    assertThat(output.exit).as(output.err).isZero();
    assertThat(output.out.lines()).hasSize(1);
    JsonNode statistics = new ObjectMapper().readTree(output.out);
    assertThat(statistics.get("zone").asText()).isEqualTo("UTC");
    assertThat(statistics.get("operations")).extracting(o -> o.get("operation").asText())
        .containsExactly(SyntheticAccount.INSTANT_WIN, SyntheticAccount.QUIZ, SyntheticAccount.SWEEPSTAKES);
    assertThat(statistics.get("operations")).allSatisfy(o -> assertThat(o.get("participations").asLong()).isEqualTo(1000));
    assertThat(statistics.at("/total/participations").asLong()).isEqualTo(3000);
    assertThat(statistics.at("/total/participants").asLong()).isEqualTo(1000);
  }

  @Test
  void encryptionFindsTheOpenPgpStageAndBouncyCastleInTheJar() throws Exception {
    Path out = Files.createDirectory(dir.resolve("out"));
    try (GnuPg gpg = GnuPg.in(dir.resolve("gnupg"))) {
      String recipient = gpg.generate("recipient@example.org", dir);
      Process demo = start(Map.of(), List.of("--participants", "1000", "--encrypt-to",
          dir.resolve("recipient@example.org.pub.asc").toString(), "--to", "file:" + out, "--naming", "demo.{ext}"));

      Output output = finish(demo);

      assertThat(output.exit).as(output.err).isZero();
      Path file = out.resolve("demo.csv.gpg");
      Map<String, Object> report = JsonLine.parse(output.out.strip());
      assertThat(report).containsEntry("outcome", "SUCCEEDED").containsEntry("rows", 1000L)
          .containsEntry("file", "demo.csv.gpg").containsEntry("bytes", Files.size(file));
      assertThat(report.get("recipients").toString()).containsIgnoringCase(recipient);
      Path decrypted = Files.write(dir.resolve("decrypted.csv"), gpg.decrypt(Files.readAllBytes(file)).ok().stdout());
      assertThat(DemoCommandTest.csv(decrypted)).hasSize(1 + 1000);
    }
  }

  @Test
  void badCommandLineExitsWithTwoAndPrintsNothingOnStandardOutput() throws Exception {
    Process demo = start(Map.of(), List.of("--no-such-option"));

    Output output = finish(demo);

    assertThat(output.exit).isEqualTo(2);
    assertThat(output.out).isEmpty();
    assertThat(output.err).contains("unknown option --no-such-option");
  }

  private Process start(Map<String, String> environment, List<String> args) throws IOException {
    return start(List.of(), environment, args);
  }

  private Process start(List<String> jvmOptions, Map<String, String> environment, List<String> args) throws IOException {
    return start(jvmOptions, environment, List.of(), args);
  }

  /** @param unset variables of this JVM's environment the demo must not inherit */
  private Process start(List<String> jvmOptions, Map<String, String> environment, List<String> unset, List<String> args)
      throws IOException {
    assertThat(JAR).as("the demo jar is built by 'package', before integration tests").isRegularFile();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("stdout.txt").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile());
    builder.environment().keySet().removeAll(unset);
    builder.environment().putAll(environment);
    return builder.start();
  }

  private Output finish(Process process) throws Exception {
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the demo did not end within 5 minutes");
    }
    return new Output(process.exitValue(), read(dir.resolve("stdout.txt")), read(dir.resolve("stderr.txt")));
  }

  /** Waits until the demo has written more than {@code bytes} to its temporary file in {@code folder}. */
  private static void awaitPartialFile(Process demo, Path folder, long bytes) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      assertThat(demo.isAlive()).as("the demo is still exporting").isTrue();
      try (Stream<Path> files = Files.list(folder)) {
        if (files.anyMatch(f -> f.getFileName().toString().endsWith(".part") && size(f) > bytes)) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the demo wrote no temporary file of " + bytes + " bytes within 2 minutes");
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // committed or deleted meanwhile
    }
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }

  private record Output(int exit, String out, String err) {
  }
}
