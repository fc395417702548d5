package io.exportkit.transport.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.SecretResolver;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GcsOptionsTest {

  @Test
  void theUriNamesBucketPrefixAndSettings() {
    Destination destination = Destination.of("gs://acme-reports/weekly?host=http://localhost:4443&chunkSize=16MiB"
        + "&metadata.source=exportkit&contentType=text/csv");

    GcsOptions options = GcsOptions.of(destination);

    assertThat(options.bucket()).isEqualTo("acme-reports");
    assertThat(options.prefix()).isEqualTo("weekly/");
    assertThat(options.host()).isEqualTo(URI.create("http://localhost:4443"));
    assertThat(options.project()).isEqualTo(GcsOptions.EMULATOR_PROJECT);
    assertThat(options.chunkSize()).isEqualTo(16 * 1024 * 1024);
    assertThat(options.contentType()).isEqualTo("text/csv");
    assertThat(options.metadata()).isEqualTo(Map.of("source", "exportkit"));
    assertThat(options.location("résumé 1.csv")).hasHost("acme-reports").hasPath("/weekly/résumé 1.csv");
  }

  @Test
  void withoutAHostTheProjectIsTheClientsToFind() {
    GcsOptions options = GcsOptions.of(Destination.of("gs://acme-reports"));

    assertThat(options.prefix()).isEmpty();
    assertThat(options.project()).isNull();
    assertThat(options.chunkSize()).isEqualTo(8 * 1024 * 1024);
    assertThat(options.maxAttempts()).isEqualTo(6);
  }

  @Test
  void everyProblemIsReportedWithWhatToWrite() {
    Destination destination = Destination.of("gs://Bad!/out/?chunkSize=100KiB&maxAttempts=0&host=file:/x&colour=blue")
        .withOption("colour", "red");

    assertThat(GcsOptions.problems(destination)).containsExactlyInAnyOrder(
        "bucket name 'Bad!' is not valid: lower-case letters, digits, dots, hyphens or underscores, starting and"
            + " ending with a letter or digit",
        "option 'colour' differs between the URI (\"blue\") and the options (\"red\")",
        "option 'host' must be an http(s) URL without credentials, e.g. http://localhost:4443",
        "option 'chunkSize' accepts a multiple of 256KiB up to 1024MiB (bytes, or with a KiB or MiB suffix); got"
            + " \"100KiB\"",
        "option 'maxAttempts' accepts a whole number from 1 to 10; got \"0\"",
        "unknown option 'colour'; GCS accepts host, project, chunkSize, maxAttempts, connectTimeout, readTimeout,"
            + " contentType and metadata.NAME");
  }

  @Test
  void aHostsOwnClientTakesNoConnectionSettings() {
    GcsTransportProvider provider = new GcsTransportProvider(LocalStorageHelper.getOptions().getService());

    assertThat(provider.validate(Destination.of("gs://acme-reports/?project=acme&readTimeout=PT5S"), SecretResolver.NONE))
        .containsExactly("host, project, attempts, time-outs and credentials come from the host's Storage client here;"
            + " remove the options [project, readTimeout] and the secret 'credentials' from the destination");
  }

  @Test
  void repeatedQueryOptionsAndUnknownSecretRolesAreRefused() {
    Destination destination = Destination.of("gs://acme-reports/?chunkSize=1MiB&chunkSize=2MiB")
        .withSecret("password", SecretRef.of("vault:gcp/password"));

    assertThat(new GcsTransportProvider().validate(destination, SecretResolver.NONE)).containsExactlyInAnyOrder(
        "option 'chunkSize' appears more than once in the URI; keep one",
        "unknown secret role 'password'; GCS takes only 'credentials'");
  }
}
