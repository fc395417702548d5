package io.exportkit.transport.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.exportkit.Destination;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Content type, user metadata and storage class reach the object, whether sent in one piece or in
 * parts; server-side encryption is asked for.
 */
class S3ObjectSettingsTest {
  private static S3ProxyServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 6 * 1024 * 1024})
  void theObjectCarriesItsSettings(int size) throws Exception {
    Destination destination = server.destination("settings/").withOption(S3Options.PART_SIZE, "5MiB")
        .withOption(S3Options.CONTENT_TYPE, "text/csv").withOption(S3Options.METADATA_PREFIX + "source", "exportkit")
        .withOption(S3Options.STORAGE_CLASS, "STANDARD_IA");
    String name = "report-" + size + ".csv";

    try (Transport transport = new S3TransportProvider().open(destination, S3ProxyServer.secrets());
        Upload upload = transport.upload(name)) {
      upload.stream().write(new byte[size]);
      upload.stream().close();
      upload.commit();
    }

    HeadObjectResponse head = server.client().headObject(b -> b.bucket(S3ProxyServer.BUCKET).key("settings/" + name));
    assertThat(head.contentLength()).isEqualTo(size);
    assertThat(head.contentType()).isEqualTo("text/csv");
    assertThat(head.metadata()).isEqualTo(Map.of("source", "exportkit"));
    assertThat(head.storageClassAsString()).isEqualTo("STANDARD_IA");
  }

  @Test
  void crc32cChecksumsAreAskedForAndAStoreWithoutThemSaysWhichOptionToSet() throws Exception {
    // S3Proxy refuses a multipart upload with a checksum algorithm and type: proof that they are sent.
    Destination destination = server.destination("settings/").withOption(S3Options.PART_SIZE, "5MiB")
        .withOption(S3Options.CHECKSUM, "CRC32C");
    IOException failure;

    try (Transport transport = new S3TransportProvider().open(destination, S3ProxyServer.secrets());
        Upload upload = transport.upload("checked.bin")) {
      failure = catchThrowableOfType(IOException.class, () -> upload.stream().write(new byte[6 * 1024 * 1024]));
    }

    assertThat(failure).hasMessageStartingWith("starting the upload of settings/checked.bin failed: the store does not"
        + " implement a feature the request asks for (NotImplemented)").hasMessageEndingWith("or set checksum=none if it"
        + " rejects x-amz-checksum headers");
    assertThat(server.read("settings/checked.bin")).isEmpty();
  }

  @Test
  void serverSideEncryptionIsAskedForAndAStoreWithoutItSaysWhichOptionToRemove() throws Exception {
    // S3Proxy implements no server-side encryption and refuses the header: proof that it is sent.
    Destination destination = server.destination("settings/").withOption(S3Options.SSE, "aws:kms")
        .withOption(S3Options.KMS_KEY_ID, "alias/exports");
    IOException failure;

    try (Transport transport = new S3TransportProvider().open(destination, S3ProxyServer.secrets());
        Upload upload = transport.upload("encrypted.csv")) {
      upload.stream().write(new byte[100]);
      upload.stream().close();
      failure = catchThrowableOfType(IOException.class, upload::commit);
    }

    // S3Proxy refuses the request as soon as it reads the headers; whether the client sees that answer
    // or the connection closing under the body it is still sending depends on timing.
    assertThat(failure.getMessage()).startsWith("writing settings/encrypted.csv failed: ").satisfiesAnyOf(
        message -> assertThat(message).endsWith("the store does not implement a feature the request asks for"
            + " (NotImplemented); remove the option sse if the store has no server-side encryption, or set"
            + " conditionalWrite=false if it rejects If-None-Match writes"),
        message -> assertThat(message).contains("Error writing request body to server"));
    assertThat(server.read("settings/encrypted.csv")).isEmpty();
  }
}
