package io.exportkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery to a Google Cloud Storage emulator (a loopback server speaking the JSON API) named by host=. */
class DemoGcsDeliveryTest {
  static FakeGcsServer server;

  @TempDir
  Path dir;

  @BeforeAll
  static void startServer() throws Exception {
    server = FakeGcsServer.start("exports");
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void emulatorHostReceivesTheObjectInChunksWithoutCredentials() throws Exception {
    // About 1.2 MB: past the first MiB the transport holds, so it goes up in 256 KiB chunks.
    Demo.Result result = Demo.run("--participants", "10000", "--to",
        "gs://exports/outbox/?host=" + server.endpoint() + "&project=demo&chunkSize=256KiB", "--naming", "demo.{ext}");

    assertThat(result.exit()).as(result.err()).isZero();
    Path object = Files.write(dir.resolve("demo.csv"), server.read("exports", "outbox/demo.csv").orElseThrow());
    assertThat(Files.size(object)).isGreaterThan(1024 * 1024);
    assertThat(result.report()).containsEntry("outcome", "SUCCEEDED").containsEntry("rows", 10_000L)
        .containsEntry("bytes", Files.size(object)).containsEntry("sha256", DemoCommandTest.sha256(object))
        .containsEntry("location", "gs://exports/outbox/demo.csv");
    assertThat(DemoCommandTest.csv(object)).hasSize(1 + 10_000);
    assertThat(server.requestsWithCredentials()).isZero();
  }

  @Test
  void missingBucketFailsWithExitOneSayingWhatToFix() {
    Demo.Result result = Demo.run("--participants", "10", "--to", "gs://absent/outbox/?host=" + server.endpoint(),
        "--naming", "demo.{ext}");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.report()).containsEntry("outcome", "FAILED").containsEntry("location", null);
    assertThat((String) result.report().get("error")).contains("bucket 'absent' does not exist at " + server.endpoint()
        + "; create it or fix the destination");
  }
}
