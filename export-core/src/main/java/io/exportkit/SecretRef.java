package io.exportkit;

import java.util.Objects;

/**
 * A reference to a secret the host keeps (a password, a private key's passphrase, a cloud
 * credential). Definitions hold references only; the value is asked of the host's
 * {@link SecretResolver} when a run needs it and is never stored, logged or printed.
 *
 * @param name what the host's resolver knows the secret by, e.g. {@code "vault:ftp/acme"}
 */
public record SecretRef(String name) {
  public SecretRef {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("secret reference name must not be blank");
    }
  }

  public static SecretRef of(String name) {
    return new SecretRef(name);
  }
}
