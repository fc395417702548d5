package io.exportkit.transport.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.BYTE_ARRAY;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.SecretResolver;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import io.exportkit.testing.CapturedStandardError;
import io.exportkit.testing.InMemorySecretResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failures against S3Proxy: a store that drops off mid-upload, a missing bucket, refused credentials. */
class S3TransportFaultTest {
  private static final int PART = 5 * 1024 * 1024;

  private S3ProxyServer server;
  private CapturedStandardError log;

  @BeforeEach
  void startServer() throws Exception {
    log = new CapturedStandardError();
    server = S3ProxyServer.start();
  }

  @AfterEach
  void stopServer() throws Exception {
    try {
      server.close();
    } finally {
      log.close();
    }
  }

  @Test
  void aStoreLostMidUploadLeavesNoObjectNorPendingUploadAndARetrySucceeds() throws Exception {
    Destination destination = server.destination("faults/").withOption(S3Options.PART_SIZE, "5MiB")
        .withOption(S3Options.MAX_ATTEMPTS, "2");
    byte[] content = randomBytes(4 * PART + 123);
    IOException failure;

    try (Transport transport = new S3TransportProvider().open(destination, S3ProxyServer.secrets());
        Upload upload = transport.upload("lost.bin")) {
      OutputStream out = upload.stream();
      out.write(content, 0, 2 * PART);
      assertThat(server.pendingUploads()).as("a multipart upload under way").hasSize(1);
      server.stop();
      failure = catchThrowableOfType(IOException.class, () -> {
        for (int i = 0; i < 20; i++) {
          out.write(content, 0, PART);
        }
      });
      server.restart();
      upload.abort();
    }

    assertThat(failure).as("writing while the store is away").isNotNull();
    assertThat(failure.getMessage()).startsWith("sending a part of faults/lost.bin failed");
    assertThat(server.read("faults/lost.bin")).isEmpty();
    assertThat(server.pendingUploads()).isEmpty();

    try (Transport transport = new S3TransportProvider().open(destination, S3ProxyServer.secrets());
        Upload upload = transport.upload("lost.bin")) {
      upload.stream().write(content);
      upload.stream().close();
      upload.commit();
    }

    assertThat(server.read("faults/lost.bin")).get(BYTE_ARRAY).isEqualTo(content);
    assertThat(server.pendingUploads()).isEmpty();
  }

  @Test
  void aConnectionDroppedMidPartIsRetriedAndTheObjectArrivesIntact() throws Exception {
    byte[] content = randomBytes(3 * PART + 123);

    try (FaultyRelay relay = FaultyRelay.dropping(server.endpoint(), PART + PART / 2)) {
      Destination destination = Destination.of("s3://" + S3ProxyServer.BUCKET + "/faults/?pathStyle=true&partSize=5MiB"
              + "&endpoint=" + relay.endpoint())
          .withSecret(S3TransportProvider.ACCESS_KEY_ID, SecretRef.of("test/s3-id"))
          .withSecret(S3TransportProvider.SECRET_ACCESS_KEY, SecretRef.of("test/s3-secret"));
      try (Transport transport = new S3TransportProvider().open(destination, S3ProxyServer.secrets());
          Upload upload = transport.upload("dropped.bin")) {
        upload.stream().write(content);
        upload.stream().close();
        upload.commit();
      }

      assertThat(relay.failed()).isTrue();
    }
    assertThat(server.read("faults/dropped.bin")).get(BYTE_ARRAY).isEqualTo(content);
    assertThat(server.pendingUploads()).isEmpty();
  }

  @Test
  void aMissingBucketFailsAtOnceNamingIt() throws Exception {
    Destination destination = Destination.of("s3://no-such-bucket/out/?pathStyle=true&endpoint=" + server.endpoint())
        .withSecret(S3TransportProvider.ACCESS_KEY_ID, SecretRef.of("test/s3-id"))
        .withSecret(S3TransportProvider.SECRET_ACCESS_KEY, SecretRef.of("test/s3-secret"));

    IOException failure = writeTwoParts(destination, S3ProxyServer.secrets());

    assertThat(failure).hasMessage("starting the upload of out/report.csv failed: bucket"
        + " 'no-such-bucket' does not exist at " + server.endpoint() + "; create it or fix the destination");
    assertThat(failure.getCause().getSuppressed()).as("earlier attempts").isEmpty();
  }

  @Test
  void aWrongSecretKeyFailsAtOnceWithoutShowingAnyCredential() throws Exception {
    InMemorySecretResolver secrets = InMemorySecretResolver.of().with("test/s3-id", S3ProxyServer.ACCESS_KEY_ID)
        .with("test/s3-secret", "Wrong-Secret-Access-Key-0123456789");

    IOException failure = writeTwoParts(server.destination("faults/"), secrets);

    assertThat(failure).hasMessageContaining("S3 refused the credentials (SignatureDoesNotMatch)");
    assertThat(failure.getCause().getSuppressed()).as("earlier attempts").isEmpty();
    assertNoCredentialIn(failure, "Wrong-Secret-Access-Key-0123456789");
  }

  @Test
  void anUnknownAccessKeyFailsAtOnceWithoutShowingAnyCredential() throws Exception {
    InMemorySecretResolver secrets = InMemorySecretResolver.of().with("test/s3-id", "AKIAUNKNOWNKEY000000")
        .with("test/s3-secret", S3ProxyServer.SECRET_ACCESS_KEY);

    IOException failure = writeTwoParts(server.destination("faults/"), secrets);

    assertThat(failure).hasMessageContaining("S3 refused the credentials (InvalidAccessKeyId)");
    assertNoCredentialIn(failure, "AKIAUNKNOWNKEY000000");
  }

  @Test
  void aRefusedSmallFileFailsAtCommitAndLeavesNothing() throws Exception {
    InMemorySecretResolver secrets = InMemorySecretResolver.of().with("test/s3-id", S3ProxyServer.ACCESS_KEY_ID)
        .with("test/s3-secret", "Wrong-Secret-Access-Key-0123456789");
    IOException failure;

    try (Transport transport = new S3TransportProvider().open(server.destination("faults/"), secrets);
        Upload upload = transport.upload("small.csv")) {
      upload.stream().write("id;email\n".getBytes(StandardCharsets.UTF_8));
      upload.stream().close();
      failure = catchThrowableOfType(IOException.class, upload::commit);
    }

    assertThat(failure).hasMessageStartingWith("writing faults/small.csv failed: S3 refused the credentials");
    assertThat(server.read("faults/small.csv")).isEmpty();
    assertNoCredentialIn(failure, "Wrong-Secret-Access-Key-0123456789");
  }

  /** Writes two parts' worth to report.csv, which starts a multipart upload; returns how that failed. */
  private static IOException writeTwoParts(Destination destination, SecretResolver secrets) throws Exception {
    destination = destination.withOption(S3Options.PART_SIZE, "5MiB");
    try (Transport transport = new S3TransportProvider().open(destination, secrets);
        Upload upload = transport.upload("report.csv")) {
      byte[] part = randomBytes(PART);
      return catchThrowableOfType(IOException.class, () -> {
        upload.stream().write(part);
        upload.stream().write(part);
        upload.stream().close();
        upload.commit();
      });
    }
  }

  private void assertNoCredentialIn(Throwable failure, String wrongCredential) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(wrongCredential, S3ProxyServer.SECRET_ACCESS_KEY);
    }
    assertThat(log.text()).doesNotContain(wrongCredential, S3ProxyServer.SECRET_ACCESS_KEY);
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
