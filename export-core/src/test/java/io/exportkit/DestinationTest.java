package io.exportkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "sftp://acme:hunter2@reports.example.org/out",
      "ftp://acme:hunter2@reports.example.org:2121/out",
      "ftp://:hunter2@reports.example.org/out",
      "sftp://acme:hunter2%40x@reports.example.org/out",
      "sftp://acme:hunter2@reports_host/out",
      "ftp://acme:hunter2@reports.example.org:notaport/out"})
  void passwordInTheUriIsRejectedWithoutEchoingIt(String uri) {
    Throwable thrown = catchThrowable(() -> Destination.of(uri));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not hold a password")
        .hasMessageContaining("withSecret(\"password\", ...)")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void userWithoutPasswordIsAccepted() {
    Destination destination = Destination.of("sftp://acme@reports.example.org/out");

    assertThat(destination.uri().getUserInfo()).isEqualTo("acme");
  }

  @Test
  void uriWithoutSchemeIsRejected() {
    Throwable thrown = catchThrowable(() -> Destination.of("exports/weekly"));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("destination needs a scheme such as file:, sftp: or s3: exports/weekly");
  }

  @Test
  void schemeIsLowerCased() {
    Destination destination = Destination.of("SFTP://reports.example.org/out");

    assertThat(destination.scheme()).isEqualTo("sftp");
  }

  @Test
  void optionsAreACopyThatCannotBeChanged() {
    Map<String, String> options = new HashMap<>(Map.of("passive", "true"));
    Destination destination = new Destination(URI.create("ftp://host/out"), options, Map.of(), false);

    options.put("passive", "false");
    Throwable thrown = catchThrowable(() -> destination.options().put("mode", "binary"));

    assertThat(destination.options()).containsExactly(Map.entry("passive", "true"));
    assertThat(thrown).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void secretsAreACopyThatCannotBeChanged() {
    Map<String, SecretRef> secrets = new HashMap<>(Map.of("password", SecretRef.of("vault:ftp/acme")));
    Destination destination = new Destination(URI.create("ftp://acme@host/out"), Map.of(), secrets, false);

    secrets.put("password", SecretRef.of("vault:other"));
    Throwable thrown = catchThrowable(() -> destination.secrets().clear());

    assertThat(destination.secrets()).containsExactly(Map.entry("password", SecretRef.of("vault:ftp/acme")));
    assertThat(thrown).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void withMethodsReturnChangedCopiesAndLeaveTheOriginal() {
    Destination original = Destination.of("sftp://acme@host/out");

    Destination changed = original.withOption("knownHosts", "/etc/ssh/known_hosts")
        .withSecret("privateKey", SecretRef.of("vault:sftp/key"))
        .withOverwrite(true);

    assertThat(original.options()).isEmpty();
    assertThat(original.secrets()).isEmpty();
    assertThat(original.overwrite()).isFalse();
    assertThat(changed.option("knownHosts", "none")).isEqualTo("/etc/ssh/known_hosts");
    assertThat(changed.secrets()).containsEntry("privateKey", SecretRef.of("vault:sftp/key"));
    assertThat(changed.overwrite()).isTrue();
    assertThat(changed.uri()).isEqualTo(original.uri());
  }

  @Test
  void optionFallsBackWhenAbsent() {
    Destination destination = Destination.of("ftp://host/out");

    String passive = destination.option("passive", "true");

    assertThat(passive).isEqualTo("true");
  }

  @Test
  void overwriteIsOffByDefault() {
    Destination destination = Destination.of("file:exports");

    assertThat(destination.overwrite()).isFalse();
  }

  @Test
  void toStringShowsSecretReferencesOnly() {
    Destination destination = Destination.of("sftp://acme@host/out").withSecret("password", SecretRef.of("vault:sftp/acme"));

    String text = destination.toString();

    assertThat(text).contains("vault:sftp/acme", "acme@host");
  }

  @Test
  void withOptionRejectsNullNamingTheParameter() {
    Destination destination = Destination.of("ftp://host/out");

    Throwable thrown = catchThrowable(() -> destination.withOption("passive", null));

    assertThat(thrown).isInstanceOf(NullPointerException.class).hasMessage("value");
  }
}
