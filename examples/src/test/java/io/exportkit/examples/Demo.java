package io.exportkit.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the demo command in this JVM, capturing what it prints, with the environment variables it is given. */
final class Demo {

  private Demo() {
  }

  /** What a run printed, and its exit code. */
  record Result(int exit, String out, String err) {

    /** The run report: the one JSON line on standard output. */
    Map<String, Object> report() {
      return JsonLine.parse(out.strip());
    }
  }

  static Result run(String... args) {
    return run(Map.of(), args);
  }

  static Result run(Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit = DemoCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), environment::get);

    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
