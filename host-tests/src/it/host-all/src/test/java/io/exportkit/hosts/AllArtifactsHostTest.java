package io.exportkit.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.Destination;
import io.exportkit.Encryption;
import io.exportkit.ExportRun;
import io.exportkit.ExportService;
import io.exportkit.RunOutcome;
import io.exportkit.SecretRef;
import io.exportkit.crypto.OpenPgpDecryptor;
import io.exportkit.hosts.ftp.FtpServerFixture;
import io.exportkit.hosts.gcs.GcsServerFixture;
import io.exportkit.hosts.s3.S3ServerFixture;
import io.exportkit.hosts.sftp.SftpServerFixture;
import io.exportkit.testing.InMemorySecretResolver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that imports export-bom and takes every artifact: what it resolves works together, and is
 * what the reactor tests with.
 */
@Timeout(120)
class AllArtifactsHostTest {
  private static final String SFTP_PASSWORD = "host/sftp-password";
  private static final String S3_ACCESS_KEY = "host/s3-access-key";
  private static final String S3_SECRET_KEY = "host/s3-secret-key";
  private static final String FTP_PASSWORD = "host/ftp-password";

  private final ExportService exports = SampleAccount.service(InMemorySecretResolver.of()
      .with(SFTP_PASSWORD, SftpServerFixture.PASSWORD)
      .with(S3_ACCESS_KEY, S3ServerFixture.ACCESS_KEY_ID)
      .with(S3_SECRET_KEY, S3ServerFixture.SECRET_ACCESS_KEY)
      .with(FTP_PASSWORD, FtpServerFixture.PASSWORD));

  @TempDir
  Path dir;

  @Test
  void oneReleaseOfBouncyCastleAndOfJacksonTheTestedOnes() {
    TestedVersions.assertBouncyCastle("bcprov", "bcpkix", "bcutil", "bcpg");
    TestedVersions.assertJackson();
  }

  @Test
  void everyTransportIsDiscovered() {
    assertThat(HostClassPath.discoveredTransports()).containsExactly("file", "ftp", "ftps", "gs", "s3", "sftp");
  }

  @Test
  void anEncryptedExportOverSftpIsDeliveredAndDecrypts() throws Exception {
    Path root = Files.createDirectory(dir.resolve("sftp"));
    try (SftpServerFixture server = SftpServerFixture.start(root)) {
      Destination destination = Destination.of(server.uri("outbox"))
          .withOption("hostKeyFingerprint", server.hostKeyFingerprint())
          .withSecret("password", SecretRef.of(SFTP_PASSWORD));

      ExportRun run = SampleAccount.run(exports, SampleAccount.export("winners", destination)
          .encryption(Encryption.to(resource("recipient-public.asc"))).build());

      assertThat(run.outcome()).as(run.error()).isEqualTo(RunOutcome.SUCCEEDED);
      assertThat(run.fileName()).isEqualTo("winners.csv.gpg");
      byte[] delivered = Files.readAllBytes(root.resolve("outbox/winners.csv.gpg"));
      assertThat(decrypt(delivered)).isEqualTo(SampleAccount.CSV);
    }
  }

  @Test
  void anExportToS3IsDelivered() throws Exception {
    try (S3ServerFixture server = S3ServerFixture.start()) {
      Destination destination = Destination.of(server.uri("outbox/"))
          .withSecret("accessKeyId", SecretRef.of(S3_ACCESS_KEY))
          .withSecret("secretAccessKey", SecretRef.of(S3_SECRET_KEY));

      ExportRun run = SampleAccount.run(exports, SampleAccount.export("winners", destination).build());

      assertThat(run.outcome()).as(run.error()).isEqualTo(RunOutcome.SUCCEEDED);
      assertThat(new String(server.read("outbox/winners.csv"), StandardCharsets.UTF_8)).isEqualTo(SampleAccount.CSV);
    }
  }

  @Test
  void anExportToGcsIsDelivered() throws Exception {
    try (GcsServerFixture server = GcsServerFixture.start()) {
      ExportRun run = SampleAccount.run(exports,
          SampleAccount.export("winners", Destination.of(server.uri("outbox/"))).build());

      assertThat(run.outcome()).as(run.error()).isEqualTo(RunOutcome.SUCCEEDED);
      assertThat(server.read("outbox/winners.csv")).hasValueSatisfying(
          bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(SampleAccount.CSV));
    }
  }

  @Test
  void anExportToFtpIsDelivered() throws Exception {
    Path root = Files.createDirectory(dir.resolve("ftp"));
    try (FtpServerFixture server = FtpServerFixture.start(root)) {
      Destination destination = Destination.of(server.uri("outbox")).withSecret("password", SecretRef.of(FTP_PASSWORD));

      ExportRun run = SampleAccount.run(exports, SampleAccount.export("winners", destination).build());

      assertThat(run.outcome()).as(run.error()).isEqualTo(RunOutcome.SUCCEEDED);
      assertThat(root.resolve("outbox/winners.csv")).hasContent(SampleAccount.CSV);
    }
  }

  private static String decrypt(byte[] ciphertext) throws IOException {
    OpenPgpDecryptor decryptor = OpenPgpDecryptor.builder()
        .secretKeys(resource("recipient-secret.asc").getBytes(StandardCharsets.US_ASCII))
        .build();
    ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
    decryptor.decrypt(new ByteArrayInputStream(ciphertext), plaintext);
    return plaintext.toString(StandardCharsets.UTF_8);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = AllArtifactsHostTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
