package io.exportkit;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where an export is delivered: a URI whose scheme names the transport ({@code file}, {@code ftp},
 * {@code ftps}, {@code sftp}, {@code s3}, {@code gs}), transport options, and references to the
 * secrets the transport needs.
 *
 * <p>The URI may name a user ({@code sftp://acme@host/out}) but never a password: credentials go
 * in {@link #secrets()} as references, so that a definition can be stored, logged and printed
 * without leaking them.
 *
 * @param uri the target folder, bucket or prefix
 * @param options transport-specific options, e.g. {@code passive=false}
 * @param secrets secret references by role, e.g. {@code password -> vault:ftp/acme}
 * @param overwrite whether a file that already exists under the same name may be replaced; by
 *     default delivery fails instead
 */
public record Destination(URI uri, Map<String, String> options, Map<String, SecretRef> secrets, boolean overwrite) {
  public Destination {
    Objects.requireNonNull(uri, "uri");
    if (uri.getScheme() == null) {
      throw new IllegalArgumentException("destination needs a scheme such as file:, sftp: or s3: " + uri);
    }
    // getRawUserInfo() is null when the authority is not a valid server name (e.g. "host_x", a bad port).
    String authority = uri.getRawAuthority();
    int at = authority == null ? -1 : authority.lastIndexOf('@');
    if (at >= 0 && authority.substring(0, at).contains(":")) {
      throw new IllegalArgumentException(
          "destination URI must not hold a password; pass it by reference with withSecret(\"password\", ...)");
    }
    options = Map.copyOf(options);
    secrets = Map.copyOf(secrets);
  }

  /** A destination for {@code uri}, e.g. {@code file:exports} or {@code sftp://acme@host/out}. */
  public static Destination of(String uri) {
    return of(URI.create(Objects.requireNonNull(uri, "uri")));
  }

  public static Destination of(URI uri) {
    return new Destination(uri, Map.of(), Map.of(), false);
  }

  /** The transport id: the URI scheme in lower case. */
  public String scheme() {
    return uri.getScheme().toLowerCase(java.util.Locale.ROOT);
  }

  public Destination withOption(String key, String value) {
    Map<String, String> copy = new TreeMap<>(options);
    copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new Destination(uri, copy, secrets, overwrite);
  }

  public Destination withSecret(String role, SecretRef ref) {
    Map<String, SecretRef> copy = new TreeMap<>(secrets);
    copy.put(Objects.requireNonNull(role, "role"), Objects.requireNonNull(ref, "ref"));
    return new Destination(uri, options, copy, overwrite);
  }

  public Destination withOverwrite(boolean overwrite) {
    return new Destination(uri, options, secrets, overwrite);
  }

  /** The option {@code key}, or {@code fallback}. */
  public String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }
}
