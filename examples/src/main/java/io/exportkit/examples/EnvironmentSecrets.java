package io.exportkit.examples;

import io.exportkit.SecretRef;
import io.exportkit.SecretResolver;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The demo's {@link SecretResolver}: the reference {@code env:NAME} is the value of the environment
 * variable {@code NAME}, so that passwords and passphrases never appear on the command line. A host
 * would resolve references from its vault the same way. Values are never printed.
 */
final class EnvironmentSecrets implements SecretResolver {
  private static final String PREFIX = "env:";

  private final Function<String, @Nullable String> environment;

  /** @param environment the value of an environment variable, or {@code null} when it is not set */
  EnvironmentSecrets(Function<String, @Nullable String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  @Override
  public Optional<String> resolve(SecretRef ref) {
    String name = ref.name();
    return name.startsWith(PREFIX) ? Optional.ofNullable(environment.apply(name.substring(PREFIX.length()))) : Optional.empty();
  }

  /** The reference to {@code variable}, when it is set. */
  Optional<SecretRef> ifSet(String variable) {
    SecretRef ref = SecretRef.of(PREFIX + variable);
    return resolve(ref).isPresent() ? Optional.of(ref) : Optional.empty();
  }

  /** The reference to {@code variable}, when it is set to something other than blanks. */
  Optional<SecretRef> ifNotBlank(String variable) {
    return ifSet(variable).filter(ref -> !resolve(ref).orElseThrow().isBlank());
  }

  /**
   * The reference to the variable that {@code option} names, once it is known to be set.
   *
   * @throws IllegalArgumentException naming the option and the variable (never a value) when the
   *     variable is not set
   */
  SecretRef require(String option, String variable) {
    if (variable.isBlank()) {
      throw new IllegalArgumentException(option + " needs the name of an environment variable");
    }
    return ifSet(variable).orElseThrow(() -> new IllegalArgumentException(option + " " + variable
        + ": the environment variable " + variable + " is not set; set it to the secret before running the demo"));
  }
}
