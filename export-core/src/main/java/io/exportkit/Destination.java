package io.exportkit;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
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
   * What {@link ExportDefinition.Builder#build()} refuses in a destination, whatever its transport:
   * one violation per part of the URI, option key or option value that holds a control character
   * (C0, DEL or C1), once percent-decoded, and an authority that is not a valid
   * {@code [user@]host[:port]} with a port from 1 to 65535. Control characters reach a protocol as
   * they are: an encoded CR/LF in an {@code ftp://} path would be sent on the control connection as
   * a second command.
   */
  List<Violation> violations() {
    List<Violation> violations = new ArrayList<>();
    authorityViolation().ifPresent(violations::add);
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

  /** A host name (letters, digits, '.', '-', and '_' that bucket names hold), or an IP literal. */
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._~-]+|\\[[0-9A-Fa-f:.]+]");

  private Optional<Violation> authorityViolation() {
    String authority = uri.getRawAuthority();
    if (authority == null || hasControlCharacter(uri.getAuthority())) {
      return Optional.empty(); // a control character is reported as such
    }
    // The user is checked on its own (no password, no control character); what follows is host[:port].
    String server = authority.substring(authority.lastIndexOf('@') + 1);
    int colon = server.startsWith("[") ? server.indexOf(':', Math.max(server.indexOf(']'), 0)) : server.indexOf(':');
    String host = colon < 0 ? server : server.substring(0, colon);
    String port = colon < 0 ? null : server.substring(colon + 1);
    if (!HOST.matcher(host).matches() || (port != null && !port.matches("[0-9]{1,9}"))) {
      return Optional.of(new Violation("destination.uri", "the URI's authority '" + server
          + "' is not a valid host[:port], e.g. reports.example.org or reports.example.org:2222; fix the host or port"));
    }
    if (port != null && (Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535)) {
      return Optional.of(new Violation("destination.uri", "the URI's port " + Integer.parseInt(port)
          + " is out of range: use a port from 1 to 65535, or none for the protocol's default"));
    }
    return Optional.empty();
  }

  private static boolean hasControlCharacter(@Nullable String value) {
    return value != null && value.chars().anyMatch(Character::isISOControl);
  }

  /** The option {@code key}, or {@code fallback}. */
  public String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }
}
