package io.exportkit.examples;

import io.exportkit.Destination;
import io.exportkit.Entitlements;
import io.exportkit.Export;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportField;
import io.exportkit.ExportRun;
import io.exportkit.ExportService;
import io.exportkit.ExportType;
import io.exportkit.InvalidDefinitionException;
import io.exportkit.ProviderNotFoundException;
import io.exportkit.Trigger;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/**
 * The demo command: exports the participants of a {@link SyntheticAccount} through the public API,
 * as a host would, and prints the run report as one line of JSON on standard output. The contract
 * is {@code DEMO-CLI.md}; {@code --help} prints the options.
 *
 * <p>Exit codes: 0 the export succeeded, 1 it failed (the JSON says why), 2 the command line or
 * the export it asks for is wrong (standard error says why).
 */
public final class DemoCommand {

  static final String USAGE = """
      Usage: java -jar exportkit-demo.jar [options]

      Exports the participants of a synthetic account (an instant-win, a quiz and a sweepstakes
      operation) and prints the run report as one line of JSON on standard output.

        --participants N          participants per operation (default 100000)
        --seed N                  synthetic data seed (default 42)
        --type rapid|custom|global            (default rapid)
        --operation ID            instant-win | quiz | sweepstakes (default instant-win);
                                  global: comma-separated, or all (default: all of the period)
        --content all|participants|winners    (default all; winners: instant-win only)
        --fields f1,f2,...        custom exports: the chosen fields, in order
        --period FROM/TO          global exports: ISO-8601 dates, e.g. 2026-05-01/2026-07-31
        --format ID               file format (default csv)
        --naming TEMPLATE         file naming (default %s);
                                  tokens {export} {operation} {date} {time} {datetime:PATTERN}
                                  {run} {seq} {ext}
        --to URI                  where to deliver (default file:exports), e.g. file:/tmp/out
        --compress none           (gzip and zip come in a later version)
        --trigger immediate       (scheduled triggers come in a later version)
        --help                    print this help

      Fields: id email first_name last_name phone birth_date opt_in participated_at won, and
      prize (instant-win), score (quiz), answer (quiz, sweepstakes).

      Not available in this version: --password-env --identity --identity-passphrase-env
      --known-hosts --host-key-fingerprint --ca-cert --insecure-trust-all --encrypt-to --armor
      --sign-with --sign-passphrase-env --decrypt --secret-key --passphrase-env --verify-with --out
      --zone --preview --now --statistics

      Exit codes: 0 delivered, 1 the export failed (see "error"), 2 bad command line or export.
      """.formatted(ExportDefinition.DEFAULT_NAMING);

  private static final String NAME = "exportkit-demo";

  private DemoCommand() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(NAME + ": " + e.getMessage());
      err.println("Run with --help to see the options.");
      return 2;
    }
    if (options.help()) {
      out.print(USAGE);
      return 0;
    }
    SyntheticAccount account = new SyntheticAccount(options.seed(), options.participants());
    ExportService exports = ExportService.builder()
        .participantSource(account)
        .operationDirectory(account)
        .entitlements(Entitlements.ALL)
        .listener(new ProgressReporter(err, System.console() != null))
        .discoverProviders()
        .build();
    ExportRun run;
    try {
      Export draft = exports.create(definition(options));
      Export done = exports.publish(draft.id()); // immediate: runs now, on this thread
      run = Objects.requireNonNull(done.lastRun(), "an immediate export has run once published");
    } catch (ProviderNotFoundException e) {
      if (e.kind().equals("FormatWriter")) {
        err.println(NAME + ": --format " + e.id() + " is not available; available formats: " + e.available());
      } else {
        err.println(NAME + ": " + e.getMessage());
      }
      return 2;
    } catch (InvalidDefinitionException e) {
      err.println(NAME + ": " + e.getMessage());
      return 2;
    }
    out.println(RunReport.json(run));
    return run.succeeded() ? 0 : 1;
  }

  /**
   * The export the options describe.
   *
   * @throws InvalidDefinitionException when they break a rule the definition checks alone
   */
  static ExportDefinition definition(DemoOptions options) {
    ExportDefinition.Builder builder = ExportDefinition.builder()
        .name(exportName(options))
        .type(options.type())
        .content(options.content())
        .fields(options.fields().stream().map(ExportField::of).toList())
        .period(options.period())
        .format(options.format())
        .naming(options.naming())
        .destination(Destination.of(options.to()))
        .trigger(Trigger.immediate());
    boolean allOperations = options.operations().isEmpty() || options.operations().equals(List.of("all"));
    if (options.type() != ExportType.GLOBAL) {
      builder.operations(options.operations().isEmpty() ? List.of(SyntheticAccount.INSTANT_WIN) : options.operations());
    } else if (!allOperations) {
      builder.operations(options.operations());
    }
    return builder.build();
  }

  /** The export's name, the {@code {export}} naming token: "demo-instant-win", "demo-quiz", "demo-global". */
  private static String exportName(DemoOptions options) {
    if (options.type() == ExportType.GLOBAL) {
      return "demo-global";
    }
    return "demo-" + (options.operations().isEmpty() ? SyntheticAccount.INSTANT_WIN : String.join("+", options.operations()));
  }
}
