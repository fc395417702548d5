package io.exportkit.transport.s3;

import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;

/** A bucket and prefix reached through one client, for one run. Not thread-safe. */
final class S3Transport implements Transport {
  private final S3Client s3;
  private final boolean ownsClient;
  private final S3Options options;
  private final boolean overwrite;

  S3Transport(S3Client s3, boolean ownsClient, S3Options options, boolean overwrite) {
    this.s3 = s3;
    this.ownsClient = ownsClient;
    this.options = options;
    this.overwrite = overwrite;
  }

  @Override
  public Upload upload(String fileName) {
    Objects.requireNonNull(fileName, "fileName");
    return new S3Upload(s3, options, fileName, overwrite);
  }

  /** Closes the client unless the host handed it over. */
  @Override
  public void close() {
    if (ownsClient) {
      s3.close();
    }
  }
}
