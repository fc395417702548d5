package io.exportkit.transport.gcs;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.HttpStorageOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.SecretResolver;
import io.exportkit.spi.Transport;
import io.exportkit.spi.TransportProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code gs} transport: delivers to Google Cloud Storage through the Google Cloud Storage
 * client (JSON API), at {@code gs://BUCKET/PREFIX} with the settings {@link GcsOptions} lists.
 * Stateless and thread-safe; registered in {@code
 * META-INF/services/io.exportkit.spi.TransportProvider}.
 *
 * <p><b>Atomic.</b> Bytes go up in a resumable upload, one chunk at a time as they are written;
 * GCS creates the object only when the last chunk is sent, which only {@code commit()} does. A
 * stream that failed is never finished: abort drops the upload session, so no object appears (GCS
 * discards the unfinished session after a week). Memory: about one chunk.
 *
 * <p><b>Never overwrites by accident.</b> Unless the destination allows overwriting, the transport
 * checks that the name is free as the upload session starts (at commit for a file under 1 MiB),
 * and the upload carries the does-not-exist precondition ({@code ifGenerationMatch=0}): GCS itself
 * refuses to finish it if an object has the name by then, so a retry never replaces a different
 * object. Both refusals throw {@link java.nio.file.FileAlreadyExistsException}. An emulator that
 * ignores the precondition leaves a race between the check and the last chunk.
 *
 * <p><b>Time-outs.</b> A request that makes no progress for {@code readTimeout} (a store that stops
 * reading a chunk, or does not answer) is cut off and retried: the socket time-out alone covers
 * only reads.
 *
 * <p><b>Verified.</b> After the upload, the object's size and CRC32C, as GCS reports them, are
 * compared with those of the bytes sent; on a mismatch that generation is deleted and commit fails.
 * A store that reports no CRC32C is checked by size only, which the run's details record.
 *
 * <p><b>Credentials</b>: a service-account JSON key, the secret with role {@value #CREDENTIALS},
 * resolved through the host's {@link SecretResolver}; without it, the application default
 * credentials ({@code GOOGLE_APPLICATION_CREDENTIALS}, gcloud, the metadata server), except that a
 * destination with a {@value GcsOptions#HOST} (an emulator) then sends no credentials.
 *
 * <p><b>Failures</b>: the client's retry strategy retries 408, 429 and 5xx answers and I/O
 * failures (dropped connections, time-outs) with exponential backoff (1 s doubling to 32 s, with
 * jitter), up to {@code maxAttempts} attempts per request; a resumable upload resumes at the offset
 * GCS reports. Missing buckets, refused credentials and denied access fail at once, with a message
 * that names the object and what to fix, never a secret.
 */
public final class GcsTransportProvider implements TransportProvider {

  /** Secret role: a service-account key, the JSON file Google Cloud issues. */
  public static final String CREDENTIALS = "credentials";

  /** The options that configure the client rather than the upload. */
  private static final Set<String> CLIENT_SETTINGS = Set.of(GcsOptions.HOST, GcsOptions.PROJECT, GcsOptions.MAX_ATTEMPTS,
      GcsOptions.CONNECT_TIMEOUT, GcsOptions.READ_TIMEOUT);

  private final @Nullable Storage storage;

  /** For {@link java.util.ServiceLoader}: each transport opened builds, and closes, its own client. */
  public GcsTransportProvider() {
    this.storage = null;
  }

  /**
   * Delivers through the host's {@code storage}, which this provider never closes. Its own host,
   * project, credentials, retry and time-out settings apply: destinations must not set {@value
   * GcsOptions#HOST}, {@value GcsOptions#PROJECT}, {@value GcsOptions#MAX_ATTEMPTS}, {@value
   * GcsOptions#CONNECT_TIMEOUT}, {@value GcsOptions#READ_TIMEOUT} or the {@value #CREDENTIALS}
   * secret. The host's client must then bound a write to a store that stops reading.
   */
  public GcsTransportProvider(Storage storage) {
    this.storage = Objects.requireNonNull(storage, "storage");
  }

  @Override
  public String id() {
    return "gs";
  }

  @Override
  public List<String> validate(Destination destination, SecretResolver secrets) {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(secrets, "secrets");
    List<String> problems = new ArrayList<>(GcsOptions.problems(destination));
    for (String role : destination.secrets().keySet()) {
      if (!role.equals(CREDENTIALS)) {
        problems.add("unknown secret role '" + role + "'; GCS takes only '" + CREDENTIALS + "'");
      }
    }
    SecretRef key = destination.secrets().get(CREDENTIALS);
    if (storage != null) {
      List<String> clientSettings = GcsOptions.given(destination).stream().filter(CLIENT_SETTINGS::contains).sorted()
          .toList();
      if (!clientSettings.isEmpty() || key != null) {
        problems.add("host, project, attempts, time-outs and credentials come from the host's Storage client here;"
            + " remove " + (clientSettings.isEmpty() ? "" : "the options " + clientSettings + " and ")
            + "the secret '" + CREDENTIALS + "' from the destination");
      }
    } else if (key != null) {
      secrets.resolve(key).ifPresent(json -> {
        try {
          credentials(key, json);
        } catch (IOException e) {
          problems.add(e.getMessage());
        }
      });
    }
    return List.copyOf(problems);
  }

  /**
   * Opens a transport to {@code destination}. Nothing is sent yet: an upload session starts once a
   * file passes its first MiB, or at commit for a smaller file.
   *
   * @throws IllegalArgumentException when {@link #validate} finds a problem
   * @throws IOException when the credentials cannot be read
   */
  @Override
  public Transport open(Destination destination, SecretResolver secrets) throws IOException {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(secrets, "secrets");
    List<String> problems = validate(destination, secrets);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid GCS destination: " + String.join("; ", problems));
    }
    GcsOptions options = GcsOptions.of(destination);
    if (storage != null) {
      return new GcsTransport(storage, false, options, destination.overwrite(), null);
    }
    StallGuardTransport http = new StallGuardTransport(options.readTimeout());
    HttpStorageOptions.Builder builder = StorageOptions.http()
        .setRetrySettings(StorageOptions.getDefaultRetrySettings().toBuilder().setMaxAttempts(options.maxAttempts()).build())
        .setTransportOptions(HttpTransportOptions.newBuilder().setHttpTransportFactory(() -> http)
            .setConnectTimeout((int) options.connectTimeout().toMillis())
            .setReadTimeout((int) options.readTimeout().toMillis()).build());
    if (options.host() != null) {
      builder.setHost(options.host().toString());
    }
    if (options.project() != null) {
      builder.setProjectId(options.project());
    }
    Credentials credentials = credentials(destination, secrets, options);
    if (credentials != null) {
      builder.setCredentials(credentials);
    }
    return new GcsTransport(builder.build().getService(), true, options, destination.overwrite(), http);
  }

  private static @Nullable Credentials credentials(Destination destination, SecretResolver secrets, GcsOptions options)
      throws IOException {
    SecretRef key = destination.secrets().get(CREDENTIALS);
    if (key == null) {
      return options.host() == null ? null : NoCredentials.getInstance();
    }
    return credentials(key, secrets.require(key));
  }

  /** The credentials in the JSON key {@code json}, the value of the secret {@code key}. */
  private static Credentials credentials(SecretRef key, String json) throws IOException {
    try {
      return GoogleCredentials.fromStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      // The parser's message may quote the key file: keep only what kind of failure it was.
      throw new IOException("the secret '" + key.name() + "' (role " + CREDENTIALS + ") is not a Google Cloud"
          + " service-account JSON key (" + e.getClass().getSimpleName() + "); give the key file Google Cloud issues"
          + " for the service account (IAM, Service accounts, Keys, JSON)");
    }
  }
}
