package io.exportkit;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

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

  /**
   * One violation per part of the URI, option key or option value that holds a control character
   * (C0, DEL or C1), once percent-decoded. Such characters reach a protocol as they are: an encoded
   * CR/LF in an {@code ftp://} path would be sent on the control connection as a second command.
   */
  List<Violation> controlCharacterViolations() {
    List<Violation> violations = new ArrayList<>();
    Map<String, @Nullable String> parts = new LinkedHashMap<>();
    parts.put("user", uri.getUserInfo());
    // getHost() is null when the authority is no valid server name: check the authority then.
    parts.put("host", uri.getHost() != null ? uri.getHost() : uri.getAuthority());
    parts.put("path", uri.getPath());
    parts.put("scheme-specific part", uri.isOpaque() ? uri.getSchemeSpecificPart() : null);
    parts.put("query", uri.getQuery());
    parts.put("fragment", uri.getFragment());
    parts.forEach((part, value) -> {
      if (hasControlCharacter(value)) {
        violations.add(new Violation("destination.uri", "the URI's " + part
            + " holds a control character (e.g. an encoded CR, LF or NUL such as %0D, %0A, %00); remove it"));
      }
    });
    options.forEach((key, value) -> {
      if (hasControlCharacter(key)) {
        violations.add(new Violation("destination.options", "an option name holds a control character; remove it"));
      } else if (hasControlCharacter(value)) {
        violations.add(new Violation("destination.options." + key, "holds a control character; remove it"));
      }
    });
    return violations;
  }

  private static boolean hasControlCharacter(@Nullable String value) {
    return value != null && value.chars().anyMatch(Character::isISOControl);
  }

  /** The option {@code key}, or {@code fallback}. */
  public String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }
}
