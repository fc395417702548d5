package io.exportkit.transport.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.exportkit.Destination;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportRun;
import io.exportkit.ExportService;
import io.exportkit.ExportType;
import io.exportkit.FieldDefinition;
import io.exportkit.FieldScope;
import io.exportkit.FieldType;
import io.exportkit.GameKind;
import io.exportkit.InvalidDefinitionException;
import io.exportkit.Operation;
import io.exportkit.RunOutcome;
import io.exportkit.SecretRef;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import io.exportkit.testing.CapturedStandardError;
import io.exportkit.testing.InMemoryOperationDirectory;
import io.exportkit.testing.InMemoryParticipantSource;
import io.exportkit.testing.InMemorySecretResolver;
import io.exportkit.testing.LinesFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SFTP deliveries as a host runs them, through {@link ExportService}, against MINA SSHD. */
@Timeout(120)
class SftpExportRunTest {
  private static final Operation SUMMER = new Operation("summer", "Summer instant win", GameKind.INSTANT_WIN,
      Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-08-31T22:00:00Z"), List.of(
          new FieldDefinition("id", "Id", FieldType.STRING, FieldScope.PARTICIPANT),
          new FieldDefinition("email", "E-mail", FieldType.STRING, FieldScope.PARTICIPANT)));
  private static final String WRONG_PASSPHRASE = "Wr0ng-key-phrase";

  @TempDir
  Path root;

  @TempDir
  Path config;

  private final CapturedStandardError log = new CapturedStandardError();
  private EmbeddedSftpServer server;
  private int exports;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    log.close();
    assertThat(log.text()).doesNotContain(EmbeddedSftpServer.PASSWORD, EmbeddedSftpServer.PASSPHRASE, WRONG_PASSPHRASE,
        "PRIVATE KEY");
  }

  /**
   * On a server that lets the user log in twice at once, failed runs of every kind (the source
   * fails mid-stream, the name is taken, a host that closes the transport before aborting the
   * upload) leave no connection and no client thread behind, so a healthy run still logs in.
   */
  @Test
  void failedRunsReleaseTheirConnectionsAndAHealthyRunFollows() throws Exception {
    server = EmbeddedSftpServer.on(root).maxSessions(2).start();
    Destination destination = destination("/outbox");
    ExportService service = service(rows().failingAfter(1));
    assertThat(run(service, destination, "taken").outcome()).isEqualTo(RunOutcome.FAILED); // the source failed
    ExportService healthy = service(rows());

    for (int i = 0; i < 3; i++) {
      assertThat(run(service, destination, "source-fails-" + i).outcome()).as("source failing").isEqualTo(RunOutcome.FAILED);
      Files.writeString(root.resolve("outbox/name-taken-" + i + ".lines"), "already there");
      assertThat(run(healthy, destination, "name-taken-" + i).outcome()).as("name taken").isEqualTo(RunOutcome.FAILED);
      Transport transport = new SftpTransportProvider().open(destination, secrets());
      Upload upload = transport.upload("closed-first-" + i + ".lines");
      upload.stream().write(new byte[1024]);
      transport.close(); // the order ExportRunner used to end a failed run in; a host may still do so
      upload.abort();
    }
    ExportRun ran = run(healthy, destination, "healthy");

    assertThat(ran.outcome()).as(ran.error()).isEqualTo(RunOutcome.SUCCEEDED);
    assertThat(root.resolve("outbox/healthy.lines")).hasContent("Id,E-mail\np1,ann@example.org\np2,bob@example.org\n");
    try (var files = Files.list(root.resolve("outbox"))) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
    }
    assertThat(awaitZero(SftpExportRunTest::clientThreads)).as("SSH client threads still running").isZero();
    assertThat(awaitZero(server::connections)).as("connections the server still holds").isZero();
  }

  @Test
  void aFolderInTheLoginFolderIsReachedWithTilde() throws Exception {
    server = EmbeddedSftpServer.on(root).home("home/exporter").start();

    ExportRun ran = run(service(rows()), destination("/~/exports/weekly"), "home");

    assertThat(ran.outcome()).as(ran.error()).isEqualTo(RunOutcome.SUCCEEDED);
    assertThat(root.resolve("home/exporter/exports/weekly/home.lines")).exists();
    assertThat(ran.location()).hasToString("sftp://exporter@127.0.0.1:" + server.port() + "/~/exports/weekly/home.lines");
  }

  @Test
  void aPathFromTheRootThatTheAccountCannotWriteSaysSoAndNamesTheHomeForm() throws Exception {
    server = EmbeddedSftpServer.on(root).home("home/exporter").start();
    Destination destination = destination("/exports");

    ExportRun ran = run(service(rows()), destination, "root");

    assertThat(ran.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(ran.error()).isEqualTo("Export 'root' run " + ran.id() + ": delivery to " + destination.uri() + " failed: "
        + "permission denied to create the folder /exports: the path is from the server's root; for a folder in the "
        + "login folder, write sftp://exporter@127.0.0.1:" + server.port() + "/~/exports, or have the account given "
        + "write access to it");
  }

  @Test
  void aDestinationFolderThatIsAFileSaysSo() throws Exception {
    server = EmbeddedSftpServer.start(root);
    Files.writeString(root.resolve("report"), "a file, not a folder");

    ExportRun ran = run(service(rows()), destination("/report/weekly"), "file-in-the-way");

    assertThat(ran.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(ran.error()).endsWith("failed: /report is a file on the server, not a folder: deliver to another folder, "
        + "or have the file moved away");
  }

  @Test
  void aRefusedLoginNamesTheDestinationOnce() throws Exception {
    server = EmbeddedSftpServer.start(root);
    Destination destination = destination("/outbox").withSecret("password", SecretRef.of("vault:wrong"));

    ExportRun ran = run(service(rows()), destination, "wrong-password");

    assertThat(ran.error()).isEqualTo("Export 'wrong-password' run " + ran.id() + ": delivery to " + destination.uri()
        + " failed: login as 'exporter' refused with the password in secret 'vault:wrong': check the user and the "
        + "credentials");
  }

  @Test
  void createRefusesWhatCanBeCheckedWithoutConnecting() throws Exception {
    Path missingKnownHosts = config.resolve("absent_known_hosts");
    Destination destination = Destination.of("sftp://exporter@files.example.org/out")
        .withOption("knownHosts", missingKnownHosts.toString())
        .withSecret("privateKey", SecretRef.of("vault:key"))
        .withSecret("privateKeyPassphrase", SecretRef.of("vault:wrong-passphrase"));

    InvalidDefinitionException refused = catchThrowableOfType(InvalidDefinitionException.class,
        () -> service(rows()).create(definition("offline", destination)));

    assertThat(refused.violations()).extracting(v -> v.message()).containsExactlyInAnyOrder(
        "there is no known_hosts file at " + missingKnownHosts + " to check the server's host key against: name one "
            + "with the option knownHosts, or pin the key with hostKeyFingerprint",
        "cannot read the private key in secret 'vault:key': check the passphrase in secret 'vault:wrong-passphrase', and "
            + "that it is a private key in OpenSSH, PEM or PKCS#8 form");
  }

  @Test
  void createRefusesOptionsInTheUriQuery() throws Exception {
    Destination destination = Destination.of("sftp://exporter@files.example.org/out?mode=fast")
        .withOption("hostKeyFingerprint", HostKeyCheck.fingerprint(EmbeddedSftpServer.HOST_KEY.getPublic()))
        .withSecret("password", SecretRef.of("vault:sftp"));

    InvalidDefinitionException refused = catchThrowableOfType(InvalidDefinitionException.class,
        () -> service(rows()).create(definition("query", destination)));

    assertThat(refused.violations()).extracting(v -> v.message()).containsExactly(
        "sftp: destinations take their options from Destination.withOption, not from the URI: remove '?mode=fast'");
  }

  private ExportRun run(ExportService service, Destination destination, String name) {
    return service.publish(service.create(definition(name, destination)).id()).lastRun();
  }

  private static ExportDefinition definition(String name, Destination destination) {
    return ExportDefinition.builder().name(name).type(ExportType.RAPID).operation(SUMMER.id()).format(LinesFormat.ID)
        .naming("{export}.{ext}").destination(destination).build();
  }

  private ExportService service(InMemoryParticipantSource source) throws Exception {
    return ExportService.builder().participantSource(source).operationDirectory(InMemoryOperationDirectory.of(SUMMER))
        .secretResolver(secrets()).format(new LinesFormat()).transport(new SftpTransportProvider()).build();
  }

  private static InMemorySecretResolver secrets() throws Exception {
    return InMemorySecretResolver.of().with("vault:sftp", EmbeddedSftpServer.PASSWORD).with("vault:wrong", "Wr0ng-pa55")
        .with("vault:key", EmbeddedSftpServer.clientKeyFile(EmbeddedSftpServer.PASSPHRASE))
        .with("vault:wrong-passphrase", WRONG_PASSPHRASE);
  }

  private static InMemoryParticipantSource rows() {
    return InMemoryParticipantSource.builder().operation(SUMMER.id())
        .participation(Map.of("id", "p1", "email", "ann@example.org", "participated_at", Instant.parse("2026-05-02T10:00:00Z")))
        .participation(Map.of("id", "p2", "email", "bob@example.org", "participated_at", Instant.parse("2026-05-03T10:00:00Z")))
        .build();
  }

  private Destination destination(String path) throws IOException {
    Path knownHosts = Files.writeString(config.resolve("known_hosts"),
        EmbeddedSftpServer.plainEntry(server.port(), EmbeddedSftpServer.HOST_KEY.getPublic()) + "\n");
    return Destination.of("sftp://exporter@127.0.0.1:" + server.port() + path)
        .withOption("knownHosts", knownHosts.toString()).withOption("retryBackoff", "PT0.05S")
        .withSecret("password", SecretRef.of("vault:sftp"));
  }

  /** SSHJ's threads (reader, keep-alive) and ours, which live as long as a connection. */
  private static int clientThreads() {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("sshj-") || t.getName().startsWith("exportkit-sftp")).count();
  }

  private static int awaitZero(java.util.function.IntSupplier count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (count.getAsInt() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return count.getAsInt();
  }
}
