package io.exportkit.testing;

import io.exportkit.SecretRef;
import io.exportkit.SecretResolver;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link SecretResolver} over a map of secret names to values.
 *
 * <pre>{@code
 * SecretResolver secrets = InMemorySecretResolver.of().with("vault:sftp/acme", "s3cret");
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@code toString()} names the secrets, never their values.
 */
public final class InMemorySecretResolver implements SecretResolver {
  private final Map<String, String> secrets;

  private InMemorySecretResolver(Map<String, String> secrets) {
    this.secrets = Map.copyOf(secrets);
  }

  /** A resolver that knows no secret yet. */
  public static InMemorySecretResolver of() {
    return new InMemorySecretResolver(Map.of());
  }

  /** A resolver that knows {@code secrets}, by name. */
  public static InMemorySecretResolver of(Map<String, String> secrets) {
    return new InMemorySecretResolver(Objects.requireNonNull(secrets, "secrets"));
  }

  /** A copy that also knows the secret {@code name}, with {@code value}. */
  public InMemorySecretResolver with(String name, String value) {
    Map<String, String> copy = new TreeMap<>(secrets);
    copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new InMemorySecretResolver(copy);
  }

  @Override
  public Optional<String> resolve(SecretRef ref) {
    return Optional.ofNullable(secrets.get(Objects.requireNonNull(ref, "ref").name()));
  }

  @Override
  public String toString() {
    return "InMemorySecretResolver" + new TreeMap<>(secrets).keySet();
  }
}
