package io.exportkit.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.Destination;
import io.exportkit.ExportRun;
import io.exportkit.RunOutcome;
import io.exportkit.SecretRef;
import io.exportkit.hosts.s3.S3ServerFixture;
import io.exportkit.testing.InMemorySecretResolver;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A host with export-transport-s3 as its only transport: no other protocol's client, and its export works. */
@Timeout(120)
class S3OnlyHostTest {
  @Test
  void noOtherTransportsClientIsOnTheClassPath() {
    assertThat(HostClassPath.classesUnder(Packages.AWS)).as("the class path scanned").isNotEmpty();
    assertThat(HostClassPath.classesUnder(Packages.GOOGLE_CLOUD, Packages.GOOGLE_API, Packages.GOOGLE_AUTH,
        Packages.SSHJ, Packages.SSHJ_CORE, Packages.COMMONS_NET)).isEmpty();
    assertThat(HostClassPath.discoveredTransports()).containsExactly("file", "s3");
  }

  @Test
  void anExportIsDelivered() throws Exception {
    try (S3ServerFixture server = S3ServerFixture.start()) {
      Destination destination = Destination.of(server.uri("outbox/"))
          .withSecret("accessKeyId", SecretRef.of("s3-id"))
          .withSecret("secretAccessKey", SecretRef.of("s3-secret"));

      ExportRun run = SampleAccount.run(SampleAccount.service(InMemorySecretResolver.of()
              .with("s3-id", S3ServerFixture.ACCESS_KEY_ID).with("s3-secret", S3ServerFixture.SECRET_ACCESS_KEY)),
          SampleAccount.export("winners", destination).build());

      assertThat(run.outcome()).as(run.error()).isEqualTo(RunOutcome.SUCCEEDED);
      assertThat(new String(server.read("outbox/winners.csv"), StandardCharsets.UTF_8)).isEqualTo(SampleAccount.CSV);
    }
  }
}
