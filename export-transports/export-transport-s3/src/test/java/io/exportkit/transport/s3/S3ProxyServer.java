package io.exportkit.transport.s3;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.SecretResolver;
import io.exportkit.testing.InMemorySecretResolver;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobApiMetadata;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;
import org.jclouds.filesystem.FilesystemApiMetadata;
import org.jclouds.filesystem.reference.FilesystemConstants;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * S3Proxy on a loopback port, in this JVM, over jclouds' in-memory ("transient") or file-system
 * store, with signature checks on. It can be stopped and started again on the same port with the same content,
 * as a store that drops off the network and comes back.
 */
final class S3ProxyServer implements AutoCloseable {
  static final String ACCESS_KEY_ID = "AKIAEXPORTKITTESTKEY";
  static final String SECRET_ACCESS_KEY = "s3cr3t-Access-Key-For-ExportKit-Tests";
  static final String BUCKET = "exports";

  private final BlobStoreContext store;
  private final S3Client client;
  private S3Proxy proxy;
  private final int port;

  private S3ProxyServer(BlobStoreContext store) throws Exception {
    this.store = store;
    proxy = start(0);
    port = proxy.getPort();
    client = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
        .build();
    client.createBucket(b -> b.bucket(BUCKET));
  }

  /** A running server, keeping objects in memory, with an empty bucket {@value #BUCKET}. */
  static S3ProxyServer start() throws Exception {
    return new S3ProxyServer(ContextBuilder.newBuilder(new TransientApiMetadata()).build(BlobStoreContext.class));
  }

  /** A running server, keeping objects in files under {@code folder}, with an empty bucket {@value #BUCKET}. */
  static S3ProxyServer startOnDisk(Path folder) throws Exception {
    Properties settings = new Properties();
    settings.setProperty(FilesystemConstants.PROPERTY_BASEDIR, folder.toString());
    return new S3ProxyServer(ContextBuilder.newBuilder(new FilesystemApiMetadata()).overrides(settings)
        .build(BlobStoreContext.class));
  }

  /**
   * A running server over S3Proxy's own file-system store ("filesystem-nio2"), keeping objects under
   * {@code folder}, with an empty bucket {@value #BUCKET}. Like several S3-compatible stores, it
   * reports the MD5 of the whole object as the ETag of a multipart upload.
   */
  static S3ProxyServer startOnDiskNio2(Path folder) throws Exception {
    Properties settings = new Properties();
    settings.setProperty(FilesystemConstants.PROPERTY_BASEDIR, folder.toString());
    return new S3ProxyServer(ContextBuilder.newBuilder(new FilesystemNio2BlobApiMetadata()).credentials("local", "local").overrides(settings)
        .build(BlobStoreContext.class));
  }

  private S3Proxy start(int port) throws Exception {
    S3Proxy started = S3Proxy.builder()
        .blobStore(store.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
        .build();
    started.start();
    for (int i = 0; i < 500 && !started.getState().equals("STARTED"); i++) {
      Thread.sleep(10);
    }
    if (!started.getState().equals("STARTED")) {
      throw new IllegalStateException("S3Proxy did not start: " + started.getState());
    }
    return started;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** A destination in the test bucket under {@code prefix}, with the test credentials as secrets. */
  Destination destination(String prefix) {
    return Destination.of("s3://" + BUCKET + "/" + prefix + "?pathStyle=true&region=us-east-1&endpoint=" + endpoint())
        .withSecret(S3TransportProvider.ACCESS_KEY_ID, SecretRef.of("test/s3-id"))
        .withSecret(S3TransportProvider.SECRET_ACCESS_KEY, SecretRef.of("test/s3-secret"));
  }

  static SecretResolver secrets() {
    return InMemorySecretResolver.of().with("test/s3-id", ACCESS_KEY_ID).with("test/s3-secret", SECRET_ACCESS_KEY);
  }

  /** The object under {@code key}, read with a bare client. */
  Optional<byte[]> read(String key) {
    try {
      return Optional.of(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  List<MultipartUpload> pendingUploads() {
    return client.listMultipartUploads(b -> b.bucket(BUCKET)).uploads();
  }

  S3Client client() {
    return client;
  }

  /** Takes the server off the network; {@link #restart()} brings it back with the same content. */
  void stop() throws Exception {
    proxy.stop();
  }

  void restart() throws Exception {
    proxy = start(port);
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
