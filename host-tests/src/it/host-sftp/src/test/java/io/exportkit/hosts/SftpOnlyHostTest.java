package io.exportkit.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.Destination;
import io.exportkit.ExportRun;
import io.exportkit.RunOutcome;
import io.exportkit.SecretRef;
import io.exportkit.hosts.sftp.SftpServerFixture;
import io.exportkit.testing.InMemorySecretResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A host with export-transport-sftp as its only transport: no other protocol's client, and its export works. */
@Timeout(120)
class SftpOnlyHostTest {
  @Test
  void noOtherTransportsClientIsOnTheClassPath() {
    assertThat(HostClassPath.classesUnder(Packages.SSHJ)).as("the class path scanned").isNotEmpty();
    assertThat(HostClassPath.classesUnder(Packages.AWS, Packages.AWS_V1, Packages.GOOGLE_CLOUD, Packages.GOOGLE_API,
        Packages.GOOGLE_AUTH, Packages.COMMONS_NET)).isEmpty();
    assertThat(HostClassPath.discoveredTransports()).containsExactly("file", "sftp");
  }

  @Test
  void oneReleaseOfBouncyCastleTheTestedOne() {
    TestedVersions.assertBouncyCastle("bcprov", "bcpkix", "bcutil");
  }

  @Test
  void anExportIsDelivered(@TempDir Path dir) throws Exception {
    try (SftpServerFixture server = SftpServerFixture.start(dir)) {
      Destination destination = Destination.of(server.uri("outbox"))
          .withOption("hostKeyFingerprint", server.hostKeyFingerprint())
          .withSecret("password", SecretRef.of("sftp"));

      ExportRun run = SampleAccount.run(SampleAccount.service(InMemorySecretResolver.of().with("sftp", SftpServerFixture.PASSWORD)),
          SampleAccount.export("winners", destination).build());

      assertThat(run.outcome()).as(run.error()).isEqualTo(RunOutcome.SUCCEEDED);
      assertThat(Files.readString(dir.resolve("outbox/winners.csv"))).isEqualTo(SampleAccount.CSV);
    }
  }
}
