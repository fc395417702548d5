package io.exportkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.SecretRef;
import org.junit.jupiter.api.Test;

class InMemorySecretResolverTest {

  @Test
  void resolvesTheSecretsItWasGiven() {
    InMemorySecretResolver secrets = InMemorySecretResolver.of().with("vault:sftp", "s3cret");

    assertThat(secrets.resolve(SecretRef.of("vault:sftp"))).contains("s3cret");
    assertThat(secrets.resolve(SecretRef.of("vault:s3"))).isEmpty();
  }

  @Test
  void toStringNamesSecretsButNeverTheirValues() {
    InMemorySecretResolver secrets = InMemorySecretResolver.of().with("vault:sftp", "s3cret");

    assertThat(secrets.toString()).contains("vault:sftp").doesNotContain("s3cret");
  }
}
