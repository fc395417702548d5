package io.exportkit.transport.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.BYTE_ARRAY;

import com.google.gson.JsonObject;
import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import io.exportkit.testing.CapturedStandardError;
import io.exportkit.testing.InMemorySecretResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Uploads through the real client's HTTP path against {@link FakeGcsServer}: 503 answers and
 * connections dropped in mid-chunk (retried and resumed), a store that keeps failing, a missing
 * bucket, a refused key, an object that appears during the upload; and the object's settings.
 */
class GcsTransportFaultTest {
  private static final int CHUNK = 1024 * 1024;
  private static final String ACCOUNT = "exporter@exportkit-test.iam.gserviceaccount.com";

  @TempDir
  Path storage;
  private FakeGcsServer server;
  private CapturedStandardError log;
  private String key;

  @BeforeEach
  void startServer() throws Exception {
    log = new CapturedStandardError();
    server = FakeGcsServer.start(storage, "exports");
    key = server.newServiceAccountKey(ACCOUNT);
  }

  @AfterEach
  void stopServer() {
    try {
      server.close();
    } finally {
      log.close();
    }
  }

  @Test
  void a503IsRetriedAndTheObjectArrivesIntact() throws Exception {
    byte[] content = randomBytes(3 * CHUNK + 17);
    server.answerChunksUnavailable(1);

    deliver(destination("exports"), "retried.bin", content, key);

    assertThat(server.unavailableAnswered()).isEqualTo(1);
    assertThat(server.read("exports", "faults/retried.bin")).get(BYTE_ARRAY).isEqualTo(content);
  }

  @Test
  void aConnectionDroppedMidChunkIsResumedAndTheObjectArrivesIntact() throws Exception {
    byte[] content = randomBytes(3 * CHUNK + 17);
    server.dropChunks(1);

    deliver(destination("exports"), "resumed.bin", content, key);

    assertThat(server.dropsDone()).isEqualTo(1);
    assertThat(server.read("exports", "faults/resumed.bin")).get(BYTE_ARRAY).isEqualTo(content);
  }

  @Test
  void aStoreThatKeepsFailingLeavesNoObjectEvenWhenCommittedAndARetrySucceeds() throws Exception {
    Destination destination = destination("exports").withOption(GcsOptions.MAX_ATTEMPTS, "2");
    byte[] content = randomBytes(3 * CHUNK + 17);
    server.dropChunks(1_000);
    IOException failure;
    IOException commitAfterFailure;

    try (Transport transport = new GcsTransportProvider().open(destination, secrets(key));
        Upload upload = transport.upload("lost.bin")) {
      failure = catchThrowableOfType(IOException.class, () -> upload.stream().write(content));
      commitAfterFailure = catchThrowableOfType(IOException.class, upload::commit);
    }
    server.dropChunks(0);

    assertThat(failure).hasMessageStartingWith("sending faults/lost.bin failed: no answer from " + server.endpoint())
        .hasMessageEndingWith("; check the destination's host option and the network")
        .hasMessageNotContaining("Unknown Error");
    assertThat(commitAfterFailure).hasMessage("finishing faults/lost.bin refused: a write failed, so the"
        + " upload is incomplete");
    assertThat(server.read("exports", "faults/lost.bin")).isEmpty();
    assertThat(server.unfinishedSessions()).as("the dropped session, never finished").isEqualTo(1);

    deliver(destination, "lost.bin", content, key);

    assertThat(server.read("exports", "faults/lost.bin")).get(BYTE_ARRAY).isEqualTo(content);
  }

  @Test
  void aMissingBucketFailsAtOnceNamingIt() throws Exception {
    IOException failure = catchThrowableOfType(IOException.class,
        () -> deliver(destination("no-such-bucket"), "report.csv", randomBytes(2 * CHUNK), key));

    assertThat(failure).hasMessage("starting the upload of faults/report.csv failed: bucket"
        + " 'no-such-bucket' does not exist at " + server.endpoint() + "; create it or fix the destination");
  }

  @Test
  void aRefusedKeyFailsAtOnceWithoutShowingIt() throws Exception {
    String unknownKey = server.unknownServiceAccountKey(ACCOUNT);
    String privateKey = unknownKey.substring(unknownKey.indexOf("BEGIN PRIVATE KEY") + 30, unknownKey.indexOf("BEGIN PRIVATE KEY") + 90);

    IOException failure = catchThrowableOfType(IOException.class,
        () -> deliver(destination("exports"), "report.csv", "id;email\n".getBytes(StandardCharsets.UTF_8), unknownKey));

    assertThat(failure).hasMessageContaining("GCS refused the credentials");
    assertThat(server.chunks()).isZero();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(privateKey);
    }
    assertThat(log.text()).doesNotContain(privateKey);
  }

  @Test
  void anObjectThatAppearsDuringTheUploadIsNotReplaced() throws Exception {
    byte[] theirs = "someone else's".getBytes(StandardCharsets.UTF_8);
    FileAlreadyExistsException failure;

    try (Transport transport = new GcsTransportProvider().open(destination("exports"), secrets(key));
        Upload upload = transport.upload("race.bin")) {
      upload.stream().write(randomBytes(2 * CHUNK));
      server.put("exports", "faults/race.bin", theirs);
      upload.stream().close();
      failure = catchThrowableOfType(FileAlreadyExistsException.class, upload::commit);
    }

    assertThat(failure).hasMessageContaining("an object with this name exists");
    assertThat(server.read("exports", "faults/race.bin")).get(BYTE_ARRAY).isEqualTo(theirs);
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {11_000, 3 * CHUNK + 17})
  void aSecondRunUnderTheSameNameKeepsTheFirstObjectEvenWhenTheStoreIgnoresPreconditions(int size) throws Exception {
    server.ignorePreconditions(true);
    byte[] first = randomBytes(5 * CHUNK + 800_000);
    deliver(destination("exports"), "weekly.csv", first, key);

    FileAlreadyExistsException failure = catchThrowableOfType(FileAlreadyExistsException.class,
        () -> deliver(destination("exports"), "weekly.csv", randomBytes(size), key));

    assertThat(failure).hasMessageContaining("an object with this name exists");
    assertThat(server.read("exports", "faults/weekly.csv")).get(BYTE_ARRAY).isEqualTo(first);
  }

  @Test
  void theObjectCarriesItsContentTypeAndMetadata() throws Exception {
    Destination destination = destination("exports").withOption(GcsOptions.CONTENT_TYPE, "text/csv")
        .withOption(GcsOptions.METADATA_PREFIX + "source", "exportkit");

    deliver(destination, "report.csv", "id;email\n".getBytes(StandardCharsets.UTF_8), key);

    JsonObject object = server.describe("exports", "faults/report.csv");
    assertThat(object.get("contentType").getAsString()).isEqualTo("text/csv");
    assertThat(object.getAsJsonObject("metadata").get("source").getAsString()).isEqualTo("exportkit");
  }

  private Destination destination(String bucket) {
    return Destination.of("gs://" + bucket + "/faults/?project=exportkit-test&chunkSize=1MiB&host=" + server.endpoint())
        .withSecret(GcsTransportProvider.CREDENTIALS, SecretRef.of("test/gcs-key"));
  }

  private static InMemorySecretResolver secrets(String key) {
    return InMemorySecretResolver.of().with("test/gcs-key", key);
  }

  private static void deliver(Destination destination, String name, byte[] content, String key) throws Exception {
    try (Transport transport = new GcsTransportProvider().open(destination, secrets(key));
        Upload upload = transport.upload(name)) {
      upload.stream().write(content);
      upload.stream().close();
      upload.commit();
    }
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
