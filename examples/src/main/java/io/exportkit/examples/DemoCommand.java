package io.exportkit.examples;

import io.exportkit.Entitlements;
import io.exportkit.Export;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportRun;
import io.exportkit.ExportService;
import io.exportkit.InvalidDefinitionException;
import io.exportkit.Operation;
import io.exportkit.OperationDirectory;
import io.exportkit.ProviderNotFoundException;
import io.exportkit.SourceException;
import io.exportkit.SecretRef;
import io.exportkit.SecretResolver;
import io.exportkit.TriggerKind;
import io.exportkit.crypto.DecryptionResult;
import io.exportkit.crypto.EncryptionException;
import io.exportkit.crypto.OpenPgpDecryptor;
import io.exportkit.scheduling.trigger.TriggerPreview;
import io.exportkit.spi.TriggerContext;
import io.exportkit.statistics.AccountStatistics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The demo command: exports the participants of a {@link SyntheticAccount} through the public API,
 * as a host would, and prints the run report as one line of JSON on standard output. The contract
 * is {@code DEMO-CLI.md}; {@code --help} prints the options.
 *
 * With {@code --preview N} it prints the next fire instants of {@code --trigger} instead, and with
 * {@code --statistics} the account's statistics as one line of JSON.
 *
 * <p>Exit codes: 0 the export succeeded (or the help, the preview or the statistics were printed),
 * 1 it failed (the JSON says why; for the statistics, standard error), 2 the command line or the
 * export it asks for is wrong (standard error says why). Stopped by a signal (SIGTERM, Ctrl-C), the
 * export stops, prints its FAILED report and the JVM exits with 128 + the signal's number (143 for
 * SIGTERM).
 */
public final class DemoCommand {

  static final String USAGE = """
      Usage: java -jar exportkit-demo.jar [options]

      Exports the participants of a synthetic account (an instant-win, a quiz and a sweepstakes
      operation) and prints the run report as one line of JSON on standard output.

        --participants N          participants per operation, 0 to 1000000000 (default 100000)
        --seed N                  synthetic data seed (default 42)
        --type rapid|custom|global            (default rapid)
        --operation ID            instant-win | quiz | sweepstakes (default instant-win);
                                  global: comma-separated, or all (default: all of the period)
        --content all|participants|winners    (default all; winners: instant-win only)
        --fields f1,f2,...        custom exports: the chosen fields, in order
        --period FROM/TO          global exports: ISO-8601 dates in the years 0001 to 9999,
                                  e.g. 2026-05-01/2026-07-31
        --format csv|json|xml|txt file format (default csv)
        --format-option KEY=VALUE an option of the format; repeatable, e.g. quoteMode=all (csv),
                                  layout=ndjson (json), rootElement=entries (xml),
                                  layout=fixed with widths=6,45,... (txt); see docs/formats.md
        --compress none|gzip|zip  (default none); gzip writes NAME.csv.gz, zip NAME.zip holding
                                  NAME.csv
        --naming TEMPLATE         file naming (default %s);
                                  tokens {export} {operation} {date} {time} {datetime:PATTERN}
                                  {run} {seq} {ext}
        --to URI                  where to deliver (default file:exports):
                                    file:DIR                     e.g. file:/tmp/out
                                    ftp://USER@HOST:PORT/DIR     plain FTP (unencrypted)
                                    ftps://USER@HOST:PORT/DIR    FTP with explicit TLS
                                    sftp://USER@HOST:PORT/DIR
                                    s3://BUCKET/PREFIX?endpoint=URL&region=R&pathStyle=true
                                                                 Amazon S3, or an S3-compatible
                                                                 store at endpoint=
                                    gs://BUCKET/PREFIX?host=URL&project=P
                                                                 Google Cloud Storage, or an
                                                                 emulator at host=
                                  S3 credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and
                                  AWS_SESSION_TOKEN), else the AWS profile or role; the region:
                                  region=, else us-east-1 with endpoint=, else AWS_REGION or the
                                  profile. GCS credentials: the application default credentials
                                  (GOOGLE_APPLICATION_CREDENTIALS: a service-account key file),
                                  none with host=. See docs/transports.md for more query options.
        --password-env VAR        FTP, FTPS, SFTP: the password is in environment variable VAR
        --identity FILE           SFTP: log in with this private key (OpenSSH, PEM or PKCS#8)
        --identity-passphrase-env VAR
                                  SFTP: the private key's passphrase is in environment variable VAR
        --known-hosts FILE        SFTP: check the server's host key against this known_hosts file
                                  (default ~/.ssh/known_hosts)
        --host-key-fingerprint SHA256:...
                                  SFTP: or against this fingerprint, as ssh-keygen -lf prints it
        --ca-cert FILE            FTPS: trust the CA certificate(s) in this PEM file, beside the
                                  JVM's trust store
        --insecure-trust-all      FTPS, SFTP: check no certificate or host key (test servers only;
                                  prints a warning)
        --encrypt-to FILE         encrypt the file with OpenPGP to the public key in FILE (armored or
                                  binary); repeatable, one recipient each; adds .gpg to the name
        --armor                   with --encrypt-to: ASCII-armored output, named .asc
        --sign-with FILE          with --encrypt-to: sign with the armored secret key in FILE
        --sign-passphrase-env VAR the signing key's passphrase is in environment variable VAR
        --decrypt FILE --secret-key FILE [--passphrase-env VAR] [--verify-with FILE] --out FILE
                                  decrypt an incoming OpenPGP file with the secret key (its
                                  passphrase in VAR), requiring a signature by the public key of
                                  --verify-with when given, into --out, then exit; prints one line
                                  of JSON: outcome, bytes, file, decryptedWith, signer
        --trigger SPEC            immediate (default) | at:YYYY-MM-DDTHH:MM | at-end | daily:HH:MM
                                  | weekly:DAY@HH:MM; the demo exports immediately only: other
                                  triggers need --preview
        --zone ZONE               the trigger's time zone, and the one --statistics counts days
                                  in (default UTC), e.g. Europe/Paris
        --preview N               print the trigger's next N fire instants (0 to %d), one ISO-8601
                                  instant a line, then exit without exporting
        --now INSTANT             where --preview starts (default: the current time), in the
                                  years 0001 to 9999, e.g. 2026-03-27T12:00:00Z
        --statistics              print the account's statistics as one line of JSON (per
                                  operation and in total: participations, participants, winners,
                                  first and last participation, participations per day in --zone),
                                  then exit without exporting; takes --participants, --seed and
                                  --zone only
        --help                    print this help

      Fields: id email first_name last_name phone birth_date opt_in participated_at won, and
      prize (instant-win), score (quiz), answer (quiz, sweepstakes).

      Secrets are read from environment variables, never from the command line.

      Exit codes: 0 delivered (or previewed, or statistics printed), 1 the export failed (see
      "error") or the statistics could not be counted, 2 bad command line or export. SIGTERM or
      Ctrl-C stops the export: it removes its temporary file, prints its report (FAILED, "stopped")
      and exits with 143 or 130.
      """.formatted(ExportDefinition.DEFAULT_NAMING, TriggerOptions.MAX_PREVIEW);

  private static final String NAME = "exportkit-demo";

  /**
   * How long a shutdown waits for the stopped run's report: a run blocked in a transport's write
   * may take that long to notice; within the 30 s a container runtime gives before it kills.
   */
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);

  private DemoCommand() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System::getenv));
  }

  /**
   * Runs the command; returns the exit code.
   *
   * @param environment the value of an environment variable, or {@code null} when it is not set
   */
  static int run(String[] args, PrintStream out, PrintStream err, Function<String, @Nullable String> environment) {
    EnvironmentSecrets secrets = new EnvironmentSecrets(environment);
    DemoOptions options;
    try {
      options = DemoOptions.parse(args, secrets);
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
    if (options.statistics().requested()) {
      return statistics(service(account).build(), account, options.statistics().zone(), out, err);
    }
    DecryptOptions decrypt = options.decrypt();
    if (decrypt != null) {
      return decrypt(decrypt, secrets, out);
    }
    Integer previewCount = options.trigger().preview();
    return previewCount != null
        ? preview(options, account, previewCount, out, err)
        : export(options, account, out, err);
  }

  /**
   * Decrypts the file of {@code --decrypt} into {@code --out} as a host would decrypt an incoming
   * file, and prints what it found as one line of JSON; on failure, the error and exit code 1.
   */
  private static int decrypt(DecryptOptions options, SecretResolver secrets, PrintStream out) {
    SecretRef passphrase = options.passphrase();
    Path verifyWith = options.verifyWith();
    try {
      OpenPgpDecryptor.Builder decryptor = OpenPgpDecryptor.builder().secretKeys(options.secretKey());
      if (passphrase != null) {
        decryptor.passphrase(secrets.require(passphrase).toCharArray());
      }
      if (verifyWith != null) {
        decryptor.verifyingKeys(verifyWith);
      }
      DecryptionResult result = decryptor.build().decrypt(options.in(), options.out());
      out.println(RunReport.decrypted(result, options.out().toString()));
      return 0;
    } catch (EncryptionException | IOException e) {
      out.println(RunReport.decryptionFailed(String.valueOf(e.getMessage())));
      return 1;
    }
  }

  /**
   * Runs the export now, on this thread, and prints its report. A JVM shutdown (SIGTERM, Ctrl-C)
   * meanwhile stops the run ({@link #stopOnShutdown}), so it still prints its report, FAILED.
   */
  private static int export(DemoOptions options, SyntheticAccount account, PrintStream out, PrintStream err) {
    ExportService exports = service(account)
        .secretResolver(options.encryption().secrets())
        .listener(new ProgressReporter(err, System.console() != null))
        .build();
    AtomicReference<@Nullable String> exportId = new AtomicReference<>();
    CountDownLatch reported = new CountDownLatch(1);
    Thread hook = stopOnShutdown(exports, exportId, reported);
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return exportAndReport(options, exports, exportId, out, err);
    } finally {
      out.flush();
      reported.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook is running, and returns now that the report is out.
      }
    }
  }

  /**
   * The shutdown hook of an export: asks its run to stop (again and again: the run may not have
   * started yet) until the report is printed, or {@link #SHUTDOWN_WAIT} has passed. The run then
   * aborts its upload, so no temporary or partial file stays, and reports FAILED "stopped".
   */
  private static Thread stopOnShutdown(ExportService exports, AtomicReference<@Nullable String> exportId,
      CountDownLatch reported) {
    return new Thread(() -> {
      long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
      try {
        while (System.nanoTime() < deadline) {
          String id = exportId.get();
          if (id != null) {
            exports.stopRun(id, "the demo was asked to shut down");
          }
          if (reported.await(50, TimeUnit.MILLISECONDS)) {
            return;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "exportkit-demo-shutdown");
  }

  private static int exportAndReport(DemoOptions options, ExportService exports,
      AtomicReference<@Nullable String> exportId, PrintStream out, PrintStream err) {
    ExportRun run;
    try {
      Export draft = exports.create(definition(options));
      exportId.set(draft.id());
      if (options.delivery().insecure()) {
        err.println(NAME + ": " + options.delivery().insecureWarning());
      }
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

  /** The service as a host builds it over its account: the synthetic account is its source and directory. */
  private static ExportService.Builder service(SyntheticAccount account) {
    return ExportService.builder()
        .participantSource(account)
        .operationDirectory(account)
        .entitlements(Entitlements.ALL)
        .discoverProviders();
  }

  /**
   * Prints the statistics of the account {@code exports} serves, days counted in {@code zone}, as one
   * line of JSON; when the participant source fails while counting, its message on {@code err}
   * and exit code 1.
   *
   * @param directory names the operations
   */
  static int statistics(ExportService exports, OperationDirectory directory, ZoneId zone, PrintStream out,
      PrintStream err) {
    AccountStatistics statistics;
    try {
      statistics = exports.statistics(zone);
    } catch (SourceException e) {
      err.println(NAME + ": the statistics could not be counted: " + e.getMessage());
      return 1;
    }
    out.println(StatisticsReport.json(statistics, directory));
    return 0;
  }

  /**
   * The export the options describe.
   *
   * @throws InvalidDefinitionException when they break a rule the definition checks alone
   */
  private static ExportDefinition definition(DemoOptions options) {
    return options.export().definition()
        .destination(options.delivery().destination())
        .trigger(options.trigger().trigger())
        .encryption(options.encryption().encryption())
        .build();
  }

  /**
   * Prints the first {@code count} fire instants of the trigger from {@code --now}, one a line, as a
   * scheduler would compute them for the export published at that instant.
   */
  private static int preview(DemoOptions options, OperationDirectory directory, int count, PrintStream out,
      PrintStream err) {
    TriggerOptions when = options.trigger();
    @Nullable Instant end;
    try {
      end = when.trigger().kind() == TriggerKind.AT_OPERATION_END ? operationEnd(options.export(), directory) : null;
    } catch (IllegalArgumentException e) {
      err.println(NAME + ": " + e.getMessage());
      return 2;
    }
    TriggerPreview.next(when.trigger(), new TriggerContext(when.now(), when.now(), null, end), count).forEach(out::println);
    return 0;
  }

  /**
   * When the export's operation ends.
   *
   * @throws IllegalArgumentException when the export has no single operation of the account
   */
  private static Instant operationEnd(ExportOptions export, OperationDirectory directory) {
    List<String> operations = export.chosenOperations();
    if (operations.size() != 1) {
      throw new IllegalArgumentException("--trigger at-end fires when one operation ends: name it with --operation");
    }
    String id = operations.get(0);
    return directory.find(id).map(Operation::end).orElseThrow(() -> new IllegalArgumentException("--operation " + id
        + ": the account has no such operation; it has " + directory.list().stream().map(Operation::id).toList()));
  }
}
