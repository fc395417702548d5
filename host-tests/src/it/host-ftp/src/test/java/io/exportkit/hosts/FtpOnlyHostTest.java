package io.exportkit.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.Destination;
import io.exportkit.ExportRun;
import io.exportkit.RunOutcome;
import io.exportkit.SecretRef;
import io.exportkit.hosts.ftp.FtpServerFixture;
import io.exportkit.testing.InMemorySecretResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A host with export-transport-ftp as its only transport: no other protocol's client, and its export works. */
@Timeout(120)
class FtpOnlyHostTest {
  @Test
  void noOtherTransportsClientIsOnTheClassPath() {
    assertThat(HostClassPath.classesUnder(Packages.COMMONS_NET)).as("the class path scanned").isNotEmpty();
    assertThat(HostClassPath.classesUnder(Packages.AWS, Packages.AWS_V1, Packages.GOOGLE_CLOUD, Packages.GOOGLE_API,
        Packages.GOOGLE_AUTH, Packages.SSHJ, Packages.SSHJ_CORE, Packages.BOUNCY_CASTLE)).isEmpty();
    assertThat(HostClassPath.discoveredTransports()).containsExactly("file", "ftp", "ftps");
  }

  @Test
  void anExportIsDelivered(@TempDir Path dir) throws Exception {
    try (FtpServerFixture server = FtpServerFixture.start(dir)) {
      Destination destination = Destination.of(server.uri("outbox")).withSecret("password", SecretRef.of("ftp"));

      ExportRun run = SampleAccount.run(SampleAccount.service(InMemorySecretResolver.of().with("ftp", FtpServerFixture.PASSWORD)),
          SampleAccount.export("winners", destination).build());

      assertThat(run.outcome()).as(run.error()).isEqualTo(RunOutcome.SUCCEEDED);
      assertThat(Files.readString(dir.resolve("outbox/winners.csv"))).isEqualTo(SampleAccount.CSV);
    }
  }
}
