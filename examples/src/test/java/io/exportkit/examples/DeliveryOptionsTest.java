package io.exportkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the delivery options become a {@link Destination}, and the command lines refused before any connection. */
class DeliveryOptionsTest {
  private static final String FINGERPRINT = "SHA256:" + "A".repeat(43);
  private static final Map<String, String> ENV = Map.of("PW", "not-printed-1", "PASS", "not-printed-2");

  @TempDir
  Path dir;

  @Test
  void ftpPasswordIsAReferenceToTheEnvironmentVariable() {
    Destination destination = destination("--to", "ftp://acme@127.0.0.1:2121/out", "--password-env", "PW");

    assertThat(destination.uri()).isEqualTo(URI.create("ftp://acme@127.0.0.1:2121/out"));
    assertThat(destination.secrets()).containsExactly(Map.entry("password", SecretRef.of("env:PW")));
    assertThat(destination.options()).isEmpty();
  }

  @Test
  void sftpKeyAndKnownHostsBecomeTheProvidersOptions() throws Exception {
    Path key = Files.writeString(dir.resolve("id_ed25519"), "key");
    Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "hosts");

    Destination destination = destination("--to", "sftp://acme@host/out", "--identity", key.toString(),
        "--identity-passphrase-env", "PASS", "--known-hosts", knownHosts.toString());

    assertThat(destination.options()).containsOnly(Map.entry("privateKeyFile", key.toString()),
        Map.entry("knownHosts", knownHosts.toString()));
    assertThat(destination.secrets()).containsOnly(Map.entry("privateKeyPassphrase", SecretRef.of("env:PASS")));
  }

  @Test
  void sftpFingerprintPinsTheHostKey() {
    Destination destination = destination("--to", "sftp://acme@host/out", "--password-env", "PW",
        "--host-key-fingerprint", FINGERPRINT);

    assertThat(destination.options()).containsOnly(Map.entry("hostKeyFingerprint", FINGERPRINT));
  }

  @Test
  void ftpsCaCertificateIsTheProvidersOption() throws Exception {
    Path pem = Files.writeString(dir.resolve("ca.pem"), "pem");

    Destination destination = destination("--to", "ftps://acme@host/out", "--password-env", "PW", "--ca-cert", pem.toString());

    assertThat(destination.options()).containsOnly(Map.entry("caCert", pem.toString()));
  }

  @Test
  void insecureTrustAllTurnsOffTheCheckOfTheScheme() {
    Destination ftps = destination("--to", "ftps://acme@host/out", "--password-env", "PW", "--insecure-trust-all");
    Destination sftp = destination("--to", "sftp://acme@host/out", "--password-env", "PW", "--insecure-trust-all");

    assertThat(ftps.options()).containsOnly(Map.entry("insecureTrustAll", "true"));
    assertThat(sftp.options()).containsOnly(Map.entry("insecureAcceptAnyHostKey", "true"));
  }

  @Test
  void s3AccessKeyFromTheAwsVariablesBecomesTheProvidersSecrets() {
    Map<String, String> aws = Map.of("AWS_ACCESS_KEY_ID", "AKIA-not-printed", "AWS_SECRET_ACCESS_KEY", "not-printed-3",
        "AWS_SESSION_TOKEN", "not-printed-4");

    Destination destination = DemoOptions.parse(new String[] {"--to", "s3://exports/weekly/?region=eu-west-3"},
        new EnvironmentSecrets(aws::get)).delivery().destination();

    assertThat(destination.uri()).isEqualTo(URI.create("s3://exports/weekly/?region=eu-west-3"));
    assertThat(destination.secrets()).containsOnly(Map.entry("accessKeyId", SecretRef.of("env:AWS_ACCESS_KEY_ID")),
        Map.entry("secretAccessKey", SecretRef.of("env:AWS_SECRET_ACCESS_KEY")),
        Map.entry("sessionToken", SecretRef.of("env:AWS_SESSION_TOKEN")));
    assertThat(destination.options()).isEmpty();
  }

  @Test
  void s3WithoutTheAwsVariablesLeavesTheCredentialsToTheSdk() {
    Destination destination = destination("--to", "s3://exports/weekly/");

    assertThat(destination).isEqualTo(Destination.of("s3://exports/weekly/"));
  }

  @Test
  void blankAwsVariablesCountAsNotSet() {
    Map<String, String> blank = Map.of("AWS_ACCESS_KEY_ID", "", "AWS_SECRET_ACCESS_KEY", " ");

    Destination destination = DemoOptions.parse(new String[] {"--to", "s3://exports/weekly/"},
        new EnvironmentSecrets(blank::get)).delivery().destination();

    assertThat(destination.secrets()).isEmpty();
  }

  @Test
  void gsDestinationIsTheUriWithItsQuery() {
    Destination destination = destination("--to", "gs://exports/weekly/?host=http://127.0.0.1:4443&project=demo");

    assertThat(destination).isEqualTo(Destination.of("gs://exports/weekly/?host=http://127.0.0.1:4443&project=demo"));
  }

  @Test
  void halfSetAwsVariablesAreRefusedWithExitTwo() {
    Demo.Result result = Demo.run(Map.of("AWS_SECRET_ACCESS_KEY", "not-printed-5"), "--to", "s3://exports/weekly/");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not; set both")
        .doesNotContain("not-printed");
  }

  @Test
  void queryOptionTheS3ProviderRefusesIsReportedWithExitTwo() {
    Demo.Result result = Demo.run(ENV, "--to", "s3://exports/weekly/?colour=blue");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("destination: unknown option 'colour'");
  }

  @Test
  void defaultDestinationIsTheExportsFolder() {
    assertThat(destination()).isEqualTo(Destination.of("file:exports"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--to file:out --password-env PW                        | --password-env applies to ftp, ftps, sftp destinations, not to file:",
      "--to ftp://acme@host/out --password-env PW --insecure-trust-all | --insecure-trust-all applies to ftps, sftp destinations, not to ftp:",
      "--to ftps://acme@host/out --password-env PW --known-hosts kh | --known-hosts applies to sftp destinations, not to ftps:",
      "--to sftp://acme@host/out --password-env PW --ca-cert ca.pem | --ca-cert applies to ftps destinations, not to sftp:",
      "--to ftp://acme@host/out --password-env PW --identity id | --identity applies to sftp destinations, not to ftp:",
      "--to s3://exports/out/ --password-env PW                 | --password-env applies to ftp, ftps, sftp destinations, not to s3: (S3 reads its credentials from AWS_ACCESS_KEY_ID",
      "--to gs://exports/out/ --insecure-trust-all              | --insecure-trust-all applies to ftps, sftp destinations, not to gs: (GCS uses the application default credentials",
      "--to ftp://acme@host/out                                 | --to ftp://… needs --password-env VAR",
      "--to ftps://acme@host/out                                | --to ftps://… needs --password-env VAR",
      "--to sftp://acme@host/out                                | --to sftp://… needs a way to log in: --password-env VAR or --identity FILE",
      "--to sftp://acme@host/out --password-env MISSING         | --password-env MISSING: the environment variable MISSING is not set",
      "--to sftp://acme@host/out --password-env PW --identity-passphrase-env NOPE | the environment variable NOPE is not set",
      "--to sftp://acme:pw@host/out --password-env PW           | must not hold a password",
      "--to sftp://acme@host/out --identity no/such/key         | --identity no/such/key: no such readable file",
      "--to sftp://acme@host/out --password-env PW --known-hosts no/such/file | --known-hosts no/such/file: no such readable file"})
  void commandLinesThatCannotDeliverAreRefusedWithExitTwo(String args, String message) {
    Demo.Result result = Demo.run(ENV, args.strip().split(" +"));

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains(message.strip()).doesNotContain("not-printed");
  }

  @Test
  void optionTheProviderRefusesIsReportedWithExitTwo() {
    Demo.Result result = Demo.run(ENV, "--to", "sftp://acme@host/out", "--password-env", "PW",
        "--host-key-fingerprint", "ab:cd:ef");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("hostKeyFingerprint must be a SHA-256 fingerprint as ssh-keygen -lf prints it");
  }

  @Test
  void destinationWithoutUserIsReportedWithExitTwo() {
    Demo.Result result = Demo.run(ENV, "--to", "ftp://host/out", "--password-env", "PW");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("needs a user");
  }

  private static Destination destination(String... args) {
    return DemoOptions.parse(args, new EnvironmentSecrets(ENV::get)).delivery().destination();
  }
}
