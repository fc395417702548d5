package io.exportkit.transport.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.BYTE_ARRAY;

import io.exportkit.Destination;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportRun;
import io.exportkit.ExportService;
import io.exportkit.RunOutcome;
import io.exportkit.spi.Delivered;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import io.exportkit.testing.CapturedStandardError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * What commit checks, against S3Proxy's file-system stores: jclouds' "filesystem", whose multipart
 * ETag is S3's (the MD5 of the part MD5s, then {@code -N}), and S3Proxy's own "filesystem-nio2",
 * which (like several S3-compatible stores) reports the whole object's MD5; and against a store that
 * reports no checksum that can be compared.
 */
class S3VerificationTest {
  private static final int PART = 5 * 1024 * 1024;

  @TempDir
  Path folder;
  private S3ProxyServer server;
  private CapturedStandardError log;

  @BeforeEach
  void captureLog() {
    log = new CapturedStandardError();
  }

  @AfterEach
  void stopServer() throws Exception {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      log.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"filesystem", "filesystem-nio2"})
  void aMultipartUploadIsKept(String store) throws Exception {
    start(store);
    byte[] content = randomBytes(2 * PART + 123);

    Delivered delivered = deliver(server.destination("disk/").withOption(S3Options.PART_SIZE, "5MiB"), "big.bin", content);

    assertThat(delivered.size()).isEqualTo(content.length);
    assertThat(server.read("disk/big.bin")).get(BYTE_ARRAY).isEqualTo(content);
    assertThat(server.pendingUploads()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"filesystem", "filesystem-nio2"})
  void overwritingWithAMultipartUploadLeavesTheNewObject(String store) throws Exception {
    start(store);
    Destination destination = server.destination("disk/").withOption(S3Options.PART_SIZE, "5MiB").withOverwrite(true);
    deliver(destination, "weekly.bin", randomBytes(PART + 1));
    byte[] second = randomBytes(2 * PART + 7);

    deliver(destination, "weekly.bin", second);

    assertThat(server.read("disk/weekly.bin")).get(BYTE_ARRAY).isEqualTo(second);
  }

  @Test
  void aStoreReportingNoComparableChecksumKeepsTheObjectAndTheRunSaysSizeOnly() throws Exception {
    start("filesystem");
    try (S3Client opaque = opaqueChecksumClient()) {
      ExportService exports = S3Exports.service(new S3TransportProvider(opaque), S3ProxyServer.secrets());
      ExportDefinition definition = S3Exports.export("opaque", Destination.of("s3://" + S3ProxyServer.BUCKET + "/opaque/"))
          .build();

      ExportRun run = exports.publish(exports.create(definition).id()).lastRun();

      assertThat(run.outcome()).as(run.error()).isEqualTo(RunOutcome.SUCCEEDED);
      assertThat(run.details()).containsEntry("verified", "size only");
    }
    assertThat(server.read("opaque/opaque.lines")).get(BYTE_ARRAY)
        .isEqualTo("Id\np1\n".getBytes(StandardCharsets.UTF_8));
    assertThat(log.text()).contains("s3://exports/opaque/opaque.lines").contains("size only");
  }

  private void start(String store) throws Exception {
    server = store.equals("filesystem") ? S3ProxyServer.startOnDisk(folder) : S3ProxyServer.startOnDiskNio2(folder);
  }

  /** A client to the server that sees, as with some stores, an ETag that is no MD5 and no checksum. */
  private S3Client opaqueChecksumClient() {
    ExecutionInterceptor opaqueETag = new ExecutionInterceptor() {
      @Override
      public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        return context.response() instanceof HeadObjectResponse head
            ? head.toBuilder().eTag("\"0a1b2c3d-opaque\"").checksumCRC32C(null).checksumType((String) null).build()
            : context.response();
      }
    };
    return S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY_ID, S3ProxyServer.SECRET_ACCESS_KEY)))
        .overrideConfiguration(o -> o.addExecutionInterceptor(opaqueETag))
        .build();
  }

  private static Delivered deliver(Destination destination, String name, byte[] content) throws Exception {
    try (Transport transport = new S3TransportProvider().open(destination, S3ProxyServer.secrets());
        Upload upload = transport.upload(name)) {
      upload.stream().write(content);
      upload.stream().close();
      return upload.commit();
    }
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
