package io.exportkit.transport.s3;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns what the SDK throws into an {@link IOException} whose message names the object's key and
 * says what to fix; the pipeline's message names the destination already. SDK messages hold no
 * credentials, and neither do ours.
 */
final class S3Failures {

  private static final Set<String> REFUSED_CREDENTIALS = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
      "InvalidToken", "ExpiredToken", "InvalidSecurity", "TokenRefreshRequired");

  private S3Failures() {}

  /** {@code action} (e.g. "sending a part of") on the object {@code key} failed with {@code e}. */
  static IOException of(SdkException e, String action, String key, S3Options options) {
    String where = action + " " + key;
    if (!(e instanceof S3Exception s3)) {
      String hint = String.valueOf(e.getMessage()).contains("credentials")
          ? "; give the secrets accessKeyId and secretAccessKey, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
          : "";
      return new IOException(where + " failed: " + e.getMessage() + hint, e);
    }
    String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
    int status = s3.statusCode();
    if ("NoSuchBucket".equals(code)) {
      return new IOException(where + " failed: bucket '" + options.bucket() + "' does not exist"
          + (options.endpoint() == null ? "" : " at " + options.endpoint()) + "; create it or fix the destination", e);
    }
    if (code != null && REFUSED_CREDENTIALS.contains(code)) {
      return new IOException(where + " failed: S3 refused the credentials (" + code + "); check the secrets accessKeyId"
          + " and secretAccessKey, or the AWS default credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)", e);
    }
    if (status == 403) {
      return new IOException(where + " failed: access denied (" + code + "); the credentials need s3:PutObject,"
          + " s3:GetObject and s3:AbortMultipartUpload on the bucket's keys", e);
    }
    if (status == 301 || "AuthorizationHeaderMalformed".equals(code)) {
      return new IOException(where + " failed: bucket '" + options.bucket() + "' is in another region (" + code
          + "); set the destination option region to the bucket's region", e);
    }
    if (status == 412) {
      IOException taken = new FileAlreadyExistsException(key, null, "an object appeared under this"
          + " key while it was being written; change the naming template (e.g. add {run} or the time) or allow overwriting");
      taken.initCause(e);
      return taken;
    }
    if (status == 501) {
      List<String> fixes = new ArrayList<>();
      if (options.serverSideEncryption() != null) {
        fixes.add("remove the option " + S3Options.SSE + " if the store has no server-side encryption");
      }
      if (options.conditionalWrite()) {
        fixes.add("set " + S3Options.CONDITIONAL_WRITE + "=false if it rejects If-None-Match writes");
      }
      if (options.crc32c()) {
        fixes.add("set " + S3Options.CHECKSUM + "=none if it rejects x-amz-checksum headers");
      }
      return new IOException(where + " failed: the store does not implement a feature the request asks for (" + code
          + ")" + (fixes.isEmpty() ? "" : "; " + String.join(", or ", fixes)), e);
    }
    String detail = s3.awsErrorDetails() == null ? e.getMessage() : s3.awsErrorDetails().errorMessage();
    return new IOException(where + " failed: HTTP " + status + (code == null ? "" : " " + code) + ": " + detail, e);
  }
}
