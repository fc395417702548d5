package io.exportkit.examples;

import java.net.URI;
import java.util.Optional;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * S3Proxy on a free loopback port, in this JVM, over jclouds' in-memory store, with signature checks
 * on: an S3-compatible store holding one empty bucket, {@value #BUCKET}. (The minimal set-up of
 * export-transport-s3's {@code S3ProxyServer}.)
 */
final class EmbeddedS3Server implements AutoCloseable {
  static final String ACCESS_KEY_ID = "AKIAEXPORTKITDEMOKEY";
  static final String SECRET_ACCESS_KEY = "Demo-s3cret-Access-Key-7c41";
  static final String BUCKET = "exports";

  private final BlobStoreContext store;
  private final S3Proxy proxy;
  private final S3Client client;

  private EmbeddedS3Server() throws Exception {
    store = ContextBuilder.newBuilder(new TransientApiMetadata()).build(BlobStoreContext.class);
    proxy = S3Proxy.builder()
        .blobStore(store.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
        .build();
    proxy.start();
    for (int i = 0; i < 500 && !proxy.getState().equals("STARTED"); i++) {
      Thread.sleep(10);
    }
    if (!proxy.getState().equals("STARTED")) {
      throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
    }
    client = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
        .build();
    client.createBucket(b -> b.bucket(BUCKET));
  }

  static EmbeddedS3Server start() throws Exception {
    return new EmbeddedS3Server();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** The demo's {@code --to} for {@code prefix} in the bucket: the endpoint and path-style addressing, no region. */
  String uri(String prefix) {
    return "s3://" + BUCKET + "/" + prefix + "?endpoint=" + endpoint() + "&pathStyle=true";
  }

  /** The object under {@code key}, read with a bare client. */
  Optional<byte[]> read(String key) {
    try {
      return Optional.of(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  /** Multipart uploads started and neither completed nor aborted. */
  int pendingUploads() {
    return client.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().size();
  }

  @Override
  public void close() throws Exception {
    try {
      client.close();
      proxy.stop();
    } finally {
      store.close();
    }
  }
}
