package io.exportkit.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.Destination;
import io.exportkit.ExportRun;
import io.exportkit.RunOutcome;
import io.exportkit.hosts.gcs.GcsServerFixture;
import io.exportkit.testing.InMemorySecretResolver;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A host with export-transport-gcs as its only transport: no other protocol's client, and its export works. */
@Timeout(120)
class GcsOnlyHostTest {
  @Test
  void noOtherTransportsClientIsOnTheClassPath() {
    assertThat(HostClassPath.classesUnder(Packages.GOOGLE_CLOUD)).as("the class path scanned").isNotEmpty();
    assertThat(HostClassPath.classesUnder(Packages.AWS, Packages.AWS_V1, Packages.SSHJ, Packages.SSHJ_CORE,
        Packages.COMMONS_NET, Packages.BOUNCY_CASTLE)).isEmpty();
    assertThat(HostClassPath.discoveredTransports()).containsExactly("file", "gs");
  }

  @Test
  void oneReleaseOfJacksonTheTestedOne() {
    TestedVersions.assertJackson();
  }

  @Test
  void anExportIsDelivered() throws Exception {
    try (GcsServerFixture server = GcsServerFixture.start()) {
      ExportRun run = SampleAccount.run(SampleAccount.service(InMemorySecretResolver.of()),
          SampleAccount.export("winners", Destination.of(server.uri("outbox/"))).build());

      assertThat(run.outcome()).as(run.error()).isEqualTo(RunOutcome.SUCCEEDED);
      assertThat(server.read("outbox/winners.csv")).hasValueSatisfying(
          bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(SampleAccount.CSV));
    }
  }
}
