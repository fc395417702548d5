package io.exportkit.transport.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exportkit.Destination;
import io.exportkit.SecretResolver;
import io.exportkit.SecretRef;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3OptionsTest {

  @Test
  void theUriNamesBucketPrefixAndSettings() {
    Destination destination = Destination.of("s3://acme-reports/weekly?region=eu-west-3&endpoint=http://localhost:9000"
        + "&pathStyle=true&partSize=16MiB&parallelParts=4&metadata.Source=exportkit");

    S3Options options = S3Options.of(destination);

    assertThat(options.bucket()).isEqualTo("acme-reports");
    assertThat(options.prefix()).isEqualTo("weekly/");
    assertThat(options.region()).isEqualTo("eu-west-3");
    assertThat(options.endpoint()).isEqualTo(URI.create("http://localhost:9000"));
    assertThat(options.pathStyle()).isTrue();
    assertThat(options.partSize()).isEqualTo(16 * 1024 * 1024);
    assertThat(options.parallelParts()).isEqualTo(4);
    assertThat(options.metadata()).isEqualTo(Map.of("source", "exportkit"));
    assertThat(options.location("résumé 1.csv")).hasHost("acme-reports").hasPath("/weekly/résumé 1.csv");
  }

  @Test
  void defaultsKeepMemoryAtTwoPartsOfEightMebibytes() {
    S3Options options = S3Options.of(Destination.of("s3://acme-reports"));

    assertThat(options.prefix()).isEmpty();
    assertThat(options.partSize() * (long) options.parallelParts()).isEqualTo(16L * 1024 * 1024);
    assertThat(options.maxAttempts()).isEqualTo(3);
    assertThat(options.conditionalWrite()).isTrue();
    assertThat(options.crc32c()).as("CRC32C checksums on AWS").isTrue();
    assertThat(S3Options.of(Destination.of("s3://acme-reports/?endpoint=http://localhost:9000")).crc32c())
        .as("CRC32C checksums with an S3-compatible store").isFalse();
    assertThat(options.contentType()).isEqualTo("application/octet-stream");
  }

  @Test
  void everyProblemIsReportedWithWhatToWrite() {
    Destination destination = Destination.of("s3://Bad_Bucket/out/?partSize=1MiB&parallelParts=0&sse=aes&kmsKeyId=k"
        + "&storageClass=COLD&colour=blue&endpoint=ftp://host")
        .withOption("partSize", "2MiB");

    assertThat(S3Options.problems(destination)).containsExactlyInAnyOrder(
        "bucket name 'Bad_Bucket' is not valid: 3 to 63 lower-case letters, digits, dots or hyphens, starting and"
            + " ending with a letter or digit",
        "option 'partSize' is \"1MiB\" in the URI but \"2MiB\" in the options",
        "option 'endpoint' must be an http(s) URL without credentials, e.g. http://localhost:9000",
        "option 'partSize' accepts 5MiB to 1GiB (bytes, or with a KiB, MiB or GiB suffix); got \"2MiB\"",
        "option 'parallelParts' accepts a whole number from 1 to 64; got \"0\"",
        "option 'sse' accepts AES256 (SSE-S3) or aws:kms (SSE-KMS); got \"aes\"",
        "option 'kmsKeyId' needs sse=aws:kms",
        "option 'storageClass' accepts " + software.amazon.awssdk.services.s3.model.StorageClass.knownValues()
            + "; got \"COLD\"",
        "unknown option 'colour'; S3 accepts region, endpoint, pathStyle, partSize, parallelParts, maxAttempts,"
            + " connectTimeout, readTimeout, sse, kmsKeyId, storageClass, contentType, conditionalWrite, checksum and"
            + " metadata.NAME");
    assertThatThrownBy(() -> S3Options.of(destination)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid S3 destination s3://Bad_Bucket/out/");
  }

  @Test
  void credentialsComeInPairs() {
    Destination destination = Destination.of("s3://acme-reports/")
        .withSecret(S3TransportProvider.ACCESS_KEY_ID, SecretRef.of("vault:aws/id"));

    assertThat(new S3TransportProvider().validate(destination, SecretResolver.NONE)).containsExactly(
        "give both secrets 'accessKeyId' and 'secretAccessKey', or neither to use the AWS default credentials");
  }
}
