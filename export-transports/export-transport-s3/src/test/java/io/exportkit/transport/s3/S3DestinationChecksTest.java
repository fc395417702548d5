package io.exportkit.transport.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.exportkit.Destination;
import io.exportkit.ExportService;
import io.exportkit.InvalidDefinitionException;
import io.exportkit.RunOutcome;
import io.exportkit.SecretRef;
import io.exportkit.SecretResolver;
import io.exportkit.Violation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a host meets when it creates an export to S3: a destination that could not work is refused
 * at create, each problem said once with its fix, and never reaches the SDK; a run's failure names
 * the destination once.
 */
class S3DestinationChecksTest {
  private S3ProxyServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = S3ProxyServer.start();
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  @Test
  void crOrLfInAnOptionIsRefusedAtCreateAndNothingReachesTheStore() {
    ExportService exports = S3Exports.service(new S3TransportProvider(), S3ProxyServer.secrets());
    Destination injected = server.destination("checks/")
        .withOption(S3Options.METADATA_PREFIX + "source", "exportkit\r\nx-amz-meta-evil: 1")
        .withOption(S3Options.CONTENT_TYPE, "text/csv\nX-Forwarded-For: 10.0.0.1");

    InvalidDefinitionException refused = catchThrowableOfType(InvalidDefinitionException.class,
        () -> exports.create(S3Exports.export("injected", injected).build()));

    assertThat(refused.violations()).extracting(Violation::field).containsExactlyInAnyOrder(
        "destination.options.metadata.source", "destination.options.contentType");
    assertThat(server.client().listObjectsV2(b -> b.bucket(S3ProxyServer.BUCKET)).contents()).isEmpty();
    assertThat(server.pendingUploads()).isEmpty();
  }

  @Test
  void unknownAndRepeatedQueryOptionsAndSecretRolesAreRefusedAtCreate() {
    ExportService exports = S3Exports.service(new S3TransportProvider(), S3ProxyServer.secrets());
    Destination destination = Destination.of("s3://" + S3ProxyServer.BUCKET + "/checks/?pathStyle=true&regoin=eu-west-3"
            + "&partSize=5MiB&partSize=6MiB&endpoint=" + server.endpoint())
        .withSecret(S3TransportProvider.ACCESS_KEY_ID, SecretRef.of("test/s3-id"))
        .withSecret(S3TransportProvider.SECRET_ACCESS_KEY, SecretRef.of("test/s3-secret"))
        .withSecret("password", SecretRef.of("test/s3-secret"));

    InvalidDefinitionException refused = catchThrowableOfType(InvalidDefinitionException.class,
        () -> exports.create(S3Exports.export("typo", destination).build()));

    assertThat(refused.violations()).extracting(Violation::message).containsExactlyInAnyOrder(
        "option 'partSize' appears more than once in the URI; keep one",
        "unknown option 'regoin'; S3 accepts region, endpoint, pathStyle, partSize, parallelParts, maxAttempts,"
            + " connectTimeout, readTimeout, sse, kmsKeyId, storageClass, contentType, conditionalWrite, checksum and"
            + " metadata.NAME",
        "unknown secret role 'password'; S3 takes accessKeyId, secretAccessKey and sessionToken");
  }

  @Test
  void aHostsOwnClientTakesNoClientSettings() {
    S3TransportProvider provider = new S3TransportProvider(server.client());

    assertThat(provider.validate(Destination.of("s3://exports/?maxAttempts=5&readTimeout=PT5S"), SecretResolver.NONE))
        .containsExactly("region, endpoint, path style, attempts, time-outs and credentials come from the host's"
            + " S3Client here; remove the options [maxAttempts, readTimeout] and the credential secrets from the"
            + " destination");
  }

  @Test
  void aFailedRunNamesTheDestinationOnceAndSaysWhatToFix() {
    Destination noBucket = Destination.of("s3://no-such-bucket/checks/?pathStyle=true&endpoint=" + server.endpoint())
        .withSecret(S3TransportProvider.ACCESS_KEY_ID, SecretRef.of("test/s3-id"))
        .withSecret(S3TransportProvider.SECRET_ACCESS_KEY, SecretRef.of("test/s3-secret"));
    ExportService exports = S3Exports.service(new S3TransportProvider(), S3ProxyServer.secrets());

    var run = exports.publish(exports.create(S3Exports.export("lost", noBucket).build()).id()).lastRun();

    assertThat(run.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(run.error()).endsWith(": delivery to " + noBucket.uri() + " failed: writing checks/lost.lines failed:"
        + " bucket 'no-such-bucket' does not exist at " + server.endpoint() + "; create it or fix the destination");
    assertThat(run.error().split("s3://", -1)).as("s3:// URIs in the message").hasSize(2);
  }
}
