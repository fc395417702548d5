package io.exportkit.transport.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.exportkit.Destination;
import io.exportkit.ExportRun;
import io.exportkit.ExportService;
import io.exportkit.InvalidDefinitionException;
import io.exportkit.RunOutcome;
import io.exportkit.SecretRef;
import io.exportkit.Violation;
import io.exportkit.testing.CapturedStandardError;
import io.exportkit.testing.InMemorySecretResolver;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a host meets when it creates an export to GCS: a destination that could not work is
 * refused at create, each problem said once with its fix and without a secret, and never reaches
 * the client; a run records what its commit verified.
 */
class GcsDestinationChecksTest {
  private static final String PRIVATE_KEY_TEXT = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-not-really";

  @TempDir
  Path storage;
  private FakeGcsServer server;
  private String key;
  private CapturedStandardError log;

  @BeforeEach
  void startServer() throws Exception {
    log = new CapturedStandardError();
    server = FakeGcsServer.start(storage, "exports");
    key = server.newServiceAccountKey("exporter@exportkit-test.iam.gserviceaccount.com");
  }

  @AfterEach
  void stopServer() {
    try {
      server.close();
    } finally {
      log.close();
    }
  }

  @Test
  void aCredentialsSecretThatIsNoServiceAccountKeyIsRefusedAtCreateWithoutQuotingIt() {
    InMemorySecretResolver secrets = InMemorySecretResolver.of().with("vault:gcp/key",
        "{\"type\":\"service_account\",\"private_key\":\"" + PRIVATE_KEY_TEXT + "\"}");
    ExportService exports = GcsExports.service(new GcsTransportProvider(), secrets);

    InvalidDefinitionException refused = catchThrowableOfType(InvalidDefinitionException.class,
        () -> exports.create(GcsExports.export("keyless", destination("vault:gcp/key")).build()));

    assertThat(refused.violations()).containsExactly(new Violation("destination", "the secret 'vault:gcp/key' (role"
        + " credentials) is not a Google Cloud service-account JSON key (IOException); give the key file Google Cloud"
        + " issues for the service account (IAM, Service accounts, Keys, JSON)"));
    assertThat(refused.getMessage()).doesNotContain(PRIVATE_KEY_TEXT);
    assertThat(log.text()).doesNotContain(PRIVATE_KEY_TEXT);
    assertThat(server.chunks()).isZero();
  }

  @Test
  void crOrLfInAnOptionIsRefusedAtCreateAndNothingReachesTheStore() {
    ExportService exports = GcsExports.service(new GcsTransportProvider(), secrets());
    Destination injected = destination("test/gcs-key").withOption(GcsOptions.CONTENT_TYPE, "text/csv\r\nX-Evil: 1");

    InvalidDefinitionException refused = catchThrowableOfType(InvalidDefinitionException.class,
        () -> exports.create(GcsExports.export("injected", injected).build()));

    assertThat(refused.violations()).extracting(Violation::field).containsExactly("destination.options.contentType");
    assertThat(server.chunks()).isZero();
    assertThat(server.unfinishedSessions()).isZero();
  }

  @Test
  void aRunRecordsThatTheObjectWasVerifiedByItsCrc32c() throws Exception {
    ExportService exports = GcsExports.service(new GcsTransportProvider(), secrets());

    ExportRun run = exports.publish(exports.create(GcsExports.export("weekly", destination("test/gcs-key")).build())
        .id()).lastRun();

    assertThat(run.outcome()).as(run.error()).isEqualTo(RunOutcome.SUCCEEDED);
    assertThat(run.details()).containsEntry("verified", "CRC32C");
    assertThat(server.read("exports", "checks/weekly.lines")).hasValueSatisfying(
        bytes -> assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("Id\np1\n"));
  }

  private Destination destination(String keyRef) {
    return Destination.of("gs://exports/checks/?project=exportkit-test&host=" + server.endpoint())
        .withSecret(GcsTransportProvider.CREDENTIALS, SecretRef.of(keyRef));
  }

  private InMemorySecretResolver secrets() {
    return InMemorySecretResolver.of().with("test/gcs-key", key);
  }
}
