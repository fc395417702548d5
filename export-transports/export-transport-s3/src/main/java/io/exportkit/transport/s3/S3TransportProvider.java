package io.exportkit.transport.s3;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.SecretResolver;
import io.exportkit.spi.Transport;
import io.exportkit.spi.TransportProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The {@code s3} transport: delivers to Amazon S3 or an S3-compatible store through the AWS SDK for
 * Java v2, at {@code s3://BUCKET/PREFIX} with the settings {@link S3Options} lists. Stateless and
 * thread-safe; registered in {@code META-INF/services/io.exportkit.spi.TransportProvider}.
 *
 * <p><b>Atomic.</b> Bytes go up in parts of {@code partSize} as they are written, into a multipart
 * upload that only {@code commit()} completes, so nothing is visible under the key before; abort
 * (and any failure) aborts the multipart upload, which frees its parts. A file that fits in one part
 * is sent at commit in a single {@code PutObject}. Memory: at most {@code partSize ×
 * parallelParts}. If the store cannot be reached to abort, the upload stays pending and is logged at
 * WARN with its id: give the bucket an {@code AbortIncompleteMultipartUpload} lifecycle rule.
 *
 * <p><b>Never overwrites by accident.</b> Unless the destination allows overwriting, commit first
 * checks that the key is free ({@code HeadObject}), then completes with {@code If-None-Match: *}, so
 * that S3 itself refuses the write if another object appeared meanwhile. Both refusals throw
 * {@link java.nio.file.FileAlreadyExistsException}. A store that ignores {@code If-None-Match}
 * leaves a short race between the check and the write; one that rejects it needs
 * {@code conditionalWrite=false}, with the same race.
 *
 * <p><b>Verified.</b> Each part carries its MD5 ({@code Content-MD5}), which the store checks on
 * receipt, and with {@code checksum=CRC32C} its CRC32C and the whole object's, which S3 checks. After
 * the write, the object's size, and its full-object CRC32C or its ETag (the whole object's MD5, or
 * S3's multipart ETag: the MD5 of the part MD5s), are compared with what was sent. The object is
 * deleted and commit fails only when its size or CRC32C differs; when the store reports nothing
 * that can be compared (SSE-KMS, some stores), the object stays and the run's details record
 * {@code verified} → {@code size only}.
 *
 * <p><b>Time-outs.</b> A request that makes no progress for {@code readTimeout} (a store that stops
 * reading a part, or does not answer) is aborted and retried: the socket time-out alone covers
 * only reads.
 *
 * <p><b>Credentials</b>: the secrets with roles {@value #ACCESS_KEY_ID} and {@value
 * #SECRET_ACCESS_KEY} (and optionally {@value #SESSION_TOKEN}) of the destination, resolved through
 * the host's {@link SecretResolver}; without them, the SDK's default chain ({@code
 * AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, profile, container or instance role).
 *
 * <p><b>Failures</b>: the SDK's standard retry strategy retries throttling, 5xx answers and I/O
 * failures (refused or dropped connections, time-outs) with exponential backoff and jitter, up to
 * {@code maxAttempts} attempts per request; each part is re-sent whole. Missing buckets, refused
 * credentials and denied access fail at once, with a message that names the object's key and what
 * to fix, never a secret.
 */
public final class S3TransportProvider implements TransportProvider {

  /** Secret role: the AWS access key id. */
  public static final String ACCESS_KEY_ID = "accessKeyId";
  /** Secret role: the AWS secret access key. */
  public static final String SECRET_ACCESS_KEY = "secretAccessKey";
  /** Secret role, optional: a session token that goes with temporary credentials. */
  public static final String SESSION_TOKEN = "sessionToken";

  private static final Set<String> SECRET_ROLES = Set.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN);
  /** The options that configure the client rather than the upload. */
  private static final Set<String> CLIENT_SETTINGS = Set.of(S3Options.REGION, S3Options.ENDPOINT, S3Options.PATH_STYLE,
      S3Options.MAX_ATTEMPTS, S3Options.CONNECT_TIMEOUT, S3Options.READ_TIMEOUT);

  private final @Nullable S3Client client;

  /** For {@link java.util.ServiceLoader}: each transport opened builds, and closes, its own client. */
  public S3TransportProvider() {
    this.client = null;
  }

  /**
   * Delivers through the host's {@code client}, which this provider never closes. The client's own
   * region, endpoint, credentials, retry and time-out settings apply: destinations must not set
   * {@value S3Options#REGION}, {@value S3Options#ENDPOINT}, {@value S3Options#PATH_STYLE}, {@value
   * S3Options#MAX_ATTEMPTS}, {@value S3Options#CONNECT_TIMEOUT}, {@value S3Options#READ_TIMEOUT} or
   * credential secrets. The host's HTTP client must then bound a write to a store that stops reading
   * (e.g. with the SDK's {@code apiCallAttemptTimeout}).
   */
  public S3TransportProvider(S3Client client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public String id() {
    return "s3";
  }

  @Override
  public List<String> validate(Destination destination, SecretResolver secrets) {
    Objects.requireNonNull(destination, "destination");
    List<String> problems = new ArrayList<>(S3Options.problems(destination));
    boolean hasId = destination.secrets().containsKey(ACCESS_KEY_ID);
    if (hasId != destination.secrets().containsKey(SECRET_ACCESS_KEY)) {
      problems.add("give both secrets '" + ACCESS_KEY_ID + "' and '" + SECRET_ACCESS_KEY
          + "', or neither to use the AWS default credentials");
    }
    for (String role : destination.secrets().keySet()) {
      if (!SECRET_ROLES.contains(role)) {
        problems.add("unknown secret role '" + role + "'; S3 takes " + ACCESS_KEY_ID + ", " + SECRET_ACCESS_KEY + " and "
            + SESSION_TOKEN);
      }
    }
    if (destination.secrets().containsKey(SESSION_TOKEN) && !hasId) {
      problems.add("secret '" + SESSION_TOKEN + "' needs '" + ACCESS_KEY_ID + "' and '" + SECRET_ACCESS_KEY + "'");
    }
    if (client != null) {
      List<String> clientSettings = S3Options.given(destination).stream().filter(CLIENT_SETTINGS::contains).toList();
      if (!clientSettings.isEmpty() || hasId) {
        problems.add("region, endpoint, path style, attempts, time-outs and credentials come from the host's S3Client"
            + " here; remove " + (clientSettings.isEmpty() ? "" : "the options " + clientSettings + " and ")
            + "the credential secrets from the destination");
      }
    }
    return List.copyOf(problems);
  }

  /**
   * Opens a transport to {@code destination}. Nothing is sent yet: the first request goes out with
   * the first part, or at commit for a small file.
   *
   * @throws IllegalArgumentException when {@link #validate} finds a problem
   * @throws IOException when no region or credentials can be had
   */
  @Override
  public Transport open(Destination destination, SecretResolver secrets) throws IOException {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(secrets, "secrets");
    List<String> problems = validate(destination, secrets);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid S3 destination: " + String.join("; ", problems));
    }
    S3Options options = S3Options.of(destination);
    if (client != null) {
      return new S3Transport(client, false, options, destination.overwrite());
    }
    return new S3Transport(newClient(options, credentials(destination, secrets)), true, options, destination.overwrite());
  }

  private static @Nullable AwsCredentials credentials(Destination destination, SecretResolver secrets) {
    SecretRef id = destination.secrets().get(ACCESS_KEY_ID);
    SecretRef key = destination.secrets().get(SECRET_ACCESS_KEY);
    if (id == null || key == null) {
      return null;
    }
    SecretRef token = destination.secrets().get(SESSION_TOKEN);
    return token == null
        ? AwsBasicCredentials.create(secrets.require(id), secrets.require(key))
        : AwsSessionCredentials.create(secrets.require(id), secrets.require(key), secrets.require(token));
  }

  private static S3Client newClient(S3Options options, @Nullable AwsCredentials credentials) throws IOException {
    S3ClientBuilder builder = S3Client.builder()
        .httpClientBuilder(new StallGuard.Builder(UrlConnectionHttpClient.builder()
            .connectionTimeout(options.connectTimeout()).socketTimeout(options.readTimeout()), options.readTimeout()))
        .region(region(options))
        .forcePathStyle(options.pathStyle())
        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(options.maxAttempts())))
        // Parts carry Content-MD5, which every S3-compatible store checks; the SDK's default CRC32
        // trailers (aws-chunked) would hash each byte twice and are refused by some stores.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (options.endpoint() != null) {
      builder.endpointOverride(options.endpoint());
    }
    if (credentials != null) {
      builder.credentialsProvider(StaticCredentialsProvider.create(credentials));
    }
    return builder.build();
  }

  private static Region region(S3Options options) throws IOException {
    if (options.region() != null) {
      return Region.of(options.region());
    }
    if (options.endpoint() != null) {
      // S3-compatible stores take any region in the signature; us-east-1 is their usual default.
      return Region.US_EAST_1;
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkException e) {
      throw new IOException("no AWS region for the bucket: add ?region=… to the destination or set AWS_REGION", e);
    }
  }
}
