package io.exportkit.benchmarks.transport;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import io.exportkit.transport.s3.S3TransportProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.FilesystemApiMetadata;
import org.jclouds.filesystem.reference.FilesystemConstants;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * A 200 MiB upload over loopback to S3Proxy in this JVM, which keeps objects in files: through
 * {@code s3://} (8 MiB parts, two at a time, Content-MD5, existence check, If-None-Match, HEAD
 * verification) against the bare {@code S3Client}, with the SDK's defaults (a CRC32 checksum on
 * each part), sending the same 8 MiB parts one after another in a multipart upload, with one client
 * for all uploads. Both use the SDK's URL-connection HTTP client. A third column sends through the
 * transport one part at a time, as the bare client does. The fork's heap is capped at 96 MiB,
 * S3Proxy included; each iteration prints its peak heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx96m")
public class S3UploadBenchmark {
  private static final String KEY_ID = "AKIABENCHMARK0000000";
  private static final String SECRET = "benchmark-secret-access-key";
  private static final String BUCKET = "bench";
  private static final int PART = 8 * 1024 * 1024;

  private Path root;
  private BlobStoreContext store;
  private S3Proxy server;
  private S3Client client;
  private URI endpoint;
  private int run;

  @Setup(Level.Trial)
  public void startServer() throws Exception {
    root = Files.createTempDirectory("exportkit-s3-bench");
    Properties settings = new Properties();
    settings.setProperty(FilesystemConstants.PROPERTY_BASEDIR, root.toString());
    store = ContextBuilder.newBuilder(new FilesystemApiMetadata()).overrides(settings).build(BlobStoreContext.class);
    server = S3Proxy.builder().blobStore(store.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY_ID, SECRET).build();
    server.start();
    while (!server.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    endpoint = URI.create("http://127.0.0.1:" + server.getPort());
    // The SDK's defaults, as a developer would write it: CRC32 checksums on every part included.
    client = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint)
        .region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
        .build();
    client.createBucket(b -> b.bucket(BUCKET));
  }

  @Setup(Level.Iteration)
  public void resetPeakHeap() {
    Payload.resetPeakHeap();
  }

  @TearDown(Level.Iteration)
  public void cleanUp() {
    System.out.println("peak heap: " + Payload.peakHeapMib() + " MiB");
    client.listObjectsV2(b -> b.bucket(BUCKET)).contents()
        .forEach(object -> client.deleteObject(b -> b.bucket(BUCKET).key(object.key())));
  }

  @TearDown(Level.Trial)
  public void stopServer() throws Exception {
    client.close();
    server.stop();
    store.close();
    try (var files = Files.walk(root)) {
      for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** As a run uses it: the provider found by discovery, which builds its own client; defaults. */
  @Benchmark
  public long exportKitS3Transport() throws IOException {
    return deliver("");
  }

  /** One part at a time, as the bare column sends them. */
  @Benchmark
  public long exportKitS3TransportOnePartAtATime() throws IOException {
    return deliver("&parallelParts=1");
  }

  private long deliver(String settings) throws IOException {
    Destination destination = Destination.of("s3://" + BUCKET + "/?pathStyle=true&endpoint=" + endpoint + settings)
        .withSecret(S3TransportProvider.ACCESS_KEY_ID, SecretRef.of("id"))
        .withSecret(S3TransportProvider.SECRET_ACCESS_KEY, SecretRef.of("secret"));
    try (Transport transport = new S3TransportProvider().open(destination,
            ref -> Optional.of(ref.name().equals("id") ? KEY_ID : SECRET));
        Upload upload = transport.upload("exportkit-" + run++ + ".bin")) {
      OutputStream out = upload.stream();
      Payload.writeTo(out);
      out.close();
      return upload.commit().size();
    }
  }

  @Benchmark
  public String bareS3ClientMultipart() throws IOException {
    String key = "bare-" + run++ + ".bin";
    String id = client.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    byte[] part = new byte[PART];
    try (InputStream in = Payload.stream()) {
      for (int length = in.readNBytes(part, 0, PART); length > 0; length = in.readNBytes(part, 0, PART)) {
        int number = parts.size() + 1;
        int size = length;
        String eTag = client.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(number)
                .contentLength((long) size),
            RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, size), size, "application/octet-stream"))
            .eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
      }
    }
    return client.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id)
        .multipartUpload(m -> m.parts(parts))).eTag();
  }
}
