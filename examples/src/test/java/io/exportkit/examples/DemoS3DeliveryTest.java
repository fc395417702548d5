package io.exportkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery to an S3-compatible store (S3Proxy on loopback, signatures checked), with the access key
 * in the AWS variables of the environment.
 */
class DemoS3DeliveryTest {
  private static final Map<String, String> AWS_ENV = Map.of(
      DeliveryOptions.AWS_ACCESS_KEY_ID, EmbeddedS3Server.ACCESS_KEY_ID,
      DeliveryOptions.AWS_SECRET_ACCESS_KEY, EmbeddedS3Server.SECRET_ACCESS_KEY);

  static EmbeddedS3Server server;

  @TempDir
  Path dir;

  @BeforeAll
  static void startServer() throws Exception {
    server = EmbeddedS3Server.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Test
  void accessKeyFromTheEnvironmentDeliversTheObject() throws Exception {
    Demo.Result result = Demo.run(AWS_ENV, "--participants", "1000", "--to", server.uri("outbox/daily/"),
        "--naming", "demo.{ext}");

    assertThat(result.exit()).as(result.err()).isZero();
    Path object = Files.write(dir.resolve("demo.csv"), server.read("outbox/daily/demo.csv").orElseThrow());
    assertThat(result.report()).containsEntry("outcome", "SUCCEEDED").containsEntry("rows", 1000L)
        .containsEntry("bytes", Files.size(object)).containsEntry("sha256", DemoCommandTest.sha256(object))
        .containsEntry("location", "s3://exports/outbox/daily/demo.csv");
    assertThat(DemoCommandTest.csv(object)).hasSize(1 + 1000);
    assertThat(result.out() + result.err()).doesNotContain(EmbeddedS3Server.SECRET_ACCESS_KEY);
  }

  @Test
  void wrongSecretKeyFailsWithExitOneNeverPrintingIt() {
    String wrong = "Wrong-s3cret-Access-Key-5d";

    Demo.Result result = Demo.run(Map.of(DeliveryOptions.AWS_ACCESS_KEY_ID, EmbeddedS3Server.ACCESS_KEY_ID,
        DeliveryOptions.AWS_SECRET_ACCESS_KEY, wrong), "--participants", "10", "--to", server.uri("refused/"),
        "--naming", "demo.{ext}");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.report()).containsEntry("outcome", "FAILED").containsEntry("location", null);
    assertThat((String) result.report().get("error")).contains("S3 refused the credentials");
    assertThat(result.out() + result.err()).doesNotContain(wrong);
    assertThat(server.read("refused/demo.csv")).isEmpty();
    assertThat(server.pendingUploads()).isZero();
  }
}
