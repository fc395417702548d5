package io.exportkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    Process demo = start(List.of(), List.of("--participants", "100000", "--to", "file:" + dir, "--naming", "demo.{ext}"));

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
    Process demo = start(List.of("-Xmx64m"),
        List.of("--participants", "1000000", "--to", "file:" + dir, "--naming", "demo.{ext}"));

    Output output = finish(demo);

    assertThat(output.exit).as(output.err).isZero();
    Map<String, Object> report = JsonLine.parse(output.out.strip());
    assertThat(report).containsEntry("outcome", "SUCCEEDED").containsEntry("rows", 1_000_000L)
        .containsEntry("bytes", Files.size(dir.resolve("demo.csv")));
  }

  @Test
  void badCommandLineExitsWithTwoAndPrintsNothingOnStandardOutput() throws Exception {
    Process demo = start(List.of(), List.of("--no-such-option"));

    Output output = finish(demo);

    assertThat(output.exit).isEqualTo(2);
    assertThat(output.out).isEmpty();
    assertThat(output.err).contains("unknown option --no-such-option");
  }

  private Process start(List<String> jvmOptions, List<String> args) throws IOException {
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
    return builder.start();
  }

  private Output finish(Process process) throws Exception {
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the demo did not end within 5 minutes");
    }
    return new Output(process.exitValue(), read(dir.resolve("stdout.txt")), read(dir.resolve("stderr.txt")));
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }

  private record Output(int exit, String out, String err) {
  }
}
