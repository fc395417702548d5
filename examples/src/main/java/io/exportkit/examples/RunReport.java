package io.exportkit.examples;

import io.exportkit.ExportRun;
import io.exportkit.crypto.DecryptionResult;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * The demo's one-line JSON report of a run. Written by hand, as the demo depends on no JSON
 * library. Every character outside printable ASCII is escaped, so the line reads the same whatever
 * the console's encoding.
 */
final class RunReport {

  private RunReport() {
  }

  /**
   * {@code {"outcome":"SUCCEEDED","rows":N,"bytes":N,"sha256":"…","file":"NAME","location":"URI","durationMs":N}};
   * a failed run has {@code "outcome":"FAILED"} and an {@code "error"} too, and an encrypted one
   * {@code "recipients"}: the fingerprints of the recipients' keys, comma-separated.
   */
  static String json(ExportRun run) {
    URI location = run.location();
    StringBuilder json = new StringBuilder(256).append('{');
    string(json, "outcome", run.outcome().name()).append(',');
    json.append("\"rows\":").append(run.rows()).append(',');
    json.append("\"bytes\":").append(run.bytes()).append(',');
    string(json, "sha256", run.sha256()).append(',');
    string(json, "file", run.fileName()).append(',');
    string(json, "location", location == null ? null : location.toString()).append(',');
    json.append("\"durationMs\":").append(run.duration().toMillis());
    if (!run.succeeded()) {
      string(json.append(','), "error", run.error());
    }
    String recipients = run.details().get("recipients");
    if (recipients != null) {
      string(json.append(','), "recipients", recipients);
    }
    return json.append('}').toString();
  }

  /**
   * The report of {@code --decrypt}:
   * {@code {"outcome":"SUCCEEDED","bytes":N,"file":"OUT","decryptedWith":"FINGERPRINT","signer":"FINGERPRINT"}},
   * {@code signer} {@code null} when no signature was asked for.
   */
  static String decrypted(DecryptionResult result, String file) {
    StringBuilder json = new StringBuilder(256).append('{');
    string(json, "outcome", "SUCCEEDED").append(',');
    json.append("\"bytes\":").append(result.size()).append(',');
    string(json, "file", file).append(',');
    string(json, "decryptedWith", result.keyFingerprint()).append(',');
    string(json, "signer", result.signerFingerprint());
    return json.append('}').toString();
  }

  /** The report of a {@code --decrypt} that failed: {@code {"outcome":"FAILED","error":"…"}}. */
  static String decryptionFailed(String error) {
    StringBuilder json = new StringBuilder(128).append('{');
    string(json, "outcome", "FAILED").append(',');
    string(json, "error", error);
    return json.append('}').toString();
  }

  /** Appends {@code "key":value}, the value as a JSON string literal or {@code null}. */
  static StringBuilder string(StringBuilder json, String key, @Nullable String value) {
    json.append('"').append(key).append("\":");
    return value == null ? json.append("null") : quote(json, value);
  }

  /** Appends {@code value} as a JSON string literal. */
  static StringBuilder quote(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            json.append("\\u");
            String hex = Integer.toHexString(c);
            json.append("0000", hex.length(), 4).append(hex);
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"');
  }
}
