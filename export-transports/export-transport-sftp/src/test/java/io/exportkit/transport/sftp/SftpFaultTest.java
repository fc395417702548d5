package io.exportkit.transport.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.exportkit.Destination;
import io.exportkit.SecretResolver;
import io.exportkit.SecretRef;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import io.exportkit.testing.CapturedStandardError;
import io.exportkit.testing.InMemorySecretResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures against a real SFTP server: each fails as it should, says why, and never leaks a secret. */
class SftpFaultTest {
  private static final String WRONG_PASSWORD = "Wr0ng-sftp-pa55";
  private static final String WRONG_PASSPHRASE = "Wr0ng-key-phrase";

  @TempDir
  Path root;

  @TempDir
  Path config;

  private final CapturedStandardError log = new CapturedStandardError();
  private EmbeddedSftpServer server;
  private InMemorySecretResolver secrets;

  @BeforeEach
  void startServer() throws Exception {
    server = EmbeddedSftpServer.start(root);
    secrets = InMemorySecretResolver.of().with("vault:sftp", EmbeddedSftpServer.PASSWORD).with("vault:wrong", WRONG_PASSWORD)
        .with("vault:key", EmbeddedSftpServer.clientKeyFile(EmbeddedSftpServer.PASSPHRASE))
        .with("vault:passphrase", EmbeddedSftpServer.PASSPHRASE).with("vault:wrong-passphrase", WRONG_PASSPHRASE);
  }

  @AfterEach
  void noSecretWasLogged() throws Exception {
    server.close();
    log.close();
    assertThat(log.text()).doesNotContain(EmbeddedSftpServer.PASSWORD, WRONG_PASSWORD, EmbeddedSftpServer.PASSPHRASE,
        WRONG_PASSPHRASE, "PRIVATE KEY");
  }

  @Test
  void aConnectionDroppedMidUploadLeavesNothingAndANewRunSucceeds() throws Exception {
    Destination destination = sftp(knownHosts(EmbeddedSftpServer.plainEntry(server.port(), hostKey())))
        .withOption("retryBackoff", "PT0.05S");
    byte[] chunk = new byte[64 * 1024];

    Throwable failure = catchThrowable(() -> {
      try (Transport transport = new SftpTransportProvider().open(destination, secrets);
          Upload upload = transport.upload("dropped.csv")) {
        OutputStream out = upload.stream();
        for (int i = 0; i < 64; i++) {
          out.write(chunk);
        }
        server.close();
        for (int i = 0; i < 700; i++) {
          out.write(chunk);
        }
        out.close();
        upload.commit();
      }
    });

    assertThat(failure).isInstanceOf(IOException.class);
    assertThat(root.resolve("outbox/dropped.csv")).doesNotExist();
    server = EmbeddedSftpServer.start(root, server.port(), true);
    try (Transport transport = new SftpTransportProvider().open(destination, secrets)) {
      deliver(transport, "dropped.csv", "the second run");
    }
    assertThat(root.resolve("outbox/dropped.csv")).hasContent("the second run");
  }

  @Test
  void aRefusedConnectionIsTriedABoundedNumberOfTimes() throws Exception {
    Destination destination = sftp(knownHosts(EmbeddedSftpServer.plainEntry(server.port(), hostKey())))
        .withOption("maxAttempts", "3").withOption("retryBackoff", "PT0.01S");
    server.close();

    assertThatThrownBy(() -> new SftpTransportProvider().open(destination, secrets))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(destination.uri() + ": connecting failed after 3 attempts");
    assertThat(log.text()).contains("(attempt 2/3); retrying");
  }

  @Test
  void aWrongPasswordFailsAtOnceNamingTheDestinationAndNotThePassword() throws Exception {
    Destination destination = sftp(knownHosts(EmbeddedSftpServer.plainEntry(server.port(), hostKey())))
        .withSecret("password", SecretRef.of("vault:wrong"));

    Throwable failure = catchThrowable(() -> new SftpTransportProvider().open(destination, secrets));

    assertThat(failure).isInstanceOf(IOException.class).hasMessage(
        "login as 'exporter' refused with the password in secret 'vault:wrong': check the user and the credentials");
    assertThat(stackTrace(failure)).doesNotContain(WRONG_PASSWORD, EmbeddedSftpServer.PASSWORD);
    assertThat(log.text()).doesNotContain("retrying");
  }

  @Test
  void aWrongKeyPassphraseFailsAtOnceSayingSo() throws Exception {
    Destination destination = Destination.of("sftp://exporter@127.0.0.1:" + server.port() + "/outbox")
        .withOption("knownHosts", knownHosts(EmbeddedSftpServer.plainEntry(server.port(), hostKey())).toString())
        .withSecret("privateKey", SecretRef.of("vault:key"))
        .withSecret("privateKeyPassphrase", SecretRef.of("vault:wrong-passphrase"));

    Throwable failure = catchThrowable(() -> new SftpTransportProvider().open(destination, secrets));

    assertThat(failure).isInstanceOf(IOException.class).hasMessage(
        "cannot read the private key in secret 'vault:key': check the passphrase in secret 'vault:wrong-passphrase', "
        + "and that it is a private key in OpenSSH, PEM or PKCS#8 form");
    assertThat(stackTrace(failure)).doesNotContain(WRONG_PASSPHRASE, EmbeddedSftpServer.PASSPHRASE, "PRIVATE KEY");
    assertThat(log.text()).doesNotContain("retrying");
  }

  @Test
  void anUnknownHostKeyFailsAtOnceNamingTheKeyShown() throws Exception {
    Path knownHosts = knownHosts(EmbeddedSftpServer.hashedEntry(server.port(), EmbeddedSftpServer.CLIENT_KEY.getPublic()));
    Destination destination = sftp(knownHosts);

    Throwable failure = catchThrowable(() -> new SftpTransportProvider().open(destination, secrets));

    assertThat(failure).isInstanceOf(IOException.class).hasMessage("the server's host key (ecdsa-sha2-nistp256 "
        + HostKeyCheck.fingerprint(hostKey()) + ") does not match the key of [127.0.0.1]:" + server.port() + " in "
        + knownHosts + ". If the server's administrator confirms that fingerprint, add the key to the known_hosts file "
        + "(ssh-keyscan -p " + server.port() + " 127.0.0.1) or pin it with the option hostKeyFingerprint; otherwise "
        + "something is posing as the server");
    assertThat(log.text()).doesNotContain("retrying");
  }

  @Test
  void aHostKeyOtherThanThePinnedOneFailsAtOnce() throws Exception {
    String pinned = HostKeyCheck.fingerprint(EmbeddedSftpServer.CLIENT_KEY.getPublic());
    Destination destination = Destination.of("sftp://exporter@127.0.0.1:" + server.port() + "/outbox")
        .withOption("hostKeyFingerprint", pinned).withSecret("password", SecretRef.of("vault:sftp"));

    assertThatThrownBy(() -> new SftpTransportProvider().open(destination, secrets))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("does not match the pinned fingerprint " + pinned + " (option hostKeyFingerprint)");
  }

  @Test
  void aMissingKnownHostsFileFailsAtOnce() {
    Path missing = config.resolve("absent_known_hosts");

    assertThatThrownBy(() -> new SftpTransportProvider().open(sftp(missing), secrets))
        .isInstanceOf(IOException.class)
        .hasMessage("there is no known_hosts file at " + missing + " to check the server's host key against: "
            + "name one with the option knownHosts, or pin the key with hostKeyFingerprint");
  }

  @Test
  void aPlainHostAndPortEntryIsTrusted() throws Exception {
    Destination destination = sftp(knownHosts("# a comment\n" + EmbeddedSftpServer.plainEntry(server.port(), hostKey())));

    try (Transport transport = new SftpTransportProvider().open(destination, secrets)) {
      deliver(transport, "plain-entry.csv", "trusted");
    }

    assertThat(root.resolve("outbox/plain-entry.csv")).hasContent("trusted");
  }

  @Test
  void insecureAcceptAnyHostKeyDeliversAndSaysSo() throws Exception {
    Destination destination = Destination.of("sftp://exporter@127.0.0.1:" + server.port() + "/outbox")
        .withOption("insecureAcceptAnyHostKey", "true").withSecret("password", SecretRef.of("vault:sftp"));

    try (Transport transport = new SftpTransportProvider().open(destination, secrets)) {
      deliver(transport, "unchecked.csv", "no check");
    }

    assertThat(root.resolve("outbox/unchecked.csv")).hasContent("no check");
    assertThat(log.text()).contains("WARN io.exportkit.transport.sftp.SftpTransport - Delivery to " + destination.uri()
        + " accepts any host key (insecureAcceptAnyHostKey=true)");
  }

  @Test
  void validateReportsEveryBadOption() {
    Destination destination = Destination.of("sftp://files.example.org/out").withOption("hostKeyFingerprint", "ab:cd")
        .withOption("knownHosts", "/etc/ssh/known_hosts").withOption("readTimeout", "-PT1S")
        .withSecret("privateKeyPassphrase", SecretRef.of("vault:passphrase")).withOption("identity", "/id");

    List<String> problems = new SftpTransportProvider().validate(destination, SecretResolver.NONE);

    assertThat(problems).containsExactlyInAnyOrder(
        "unknown option 'identity' for sftp: destinations; known options: [connectTimeout, hostKeyFingerprint, "
            + "insecureAcceptAnyHostKey, knownHosts, maxAttempts, privateKeyFile, readTimeout, retryBackoff]",
        "sftp: destination needs a user, as in sftp://user@host/folder: sftp://files.example.org/out",
        "sftp: destination needs a way to log in: the secret role 'password', or a private key (secret role "
            + "'privateKey' or option privateKeyFile)",
        "the secret role privateKeyPassphrase needs a private key (secret role privateKey or option privateKeyFile)",
        "option hostKeyFingerprint must be a SHA-256 fingerprint as ssh-keygen -lf prints it (SHA256: and 43 base64 "
            + "characters), not 'ab:cd'",
        "options hostKeyFingerprint and knownHosts exclude each other: check the host key one way",
        "option readTimeout must be a positive ISO-8601 duration such as PT30S, not '-PT1S'");
  }

  @Test
  void validateAcceptsAKeyFileDestination() throws Exception {
    Path keyFile = Files.writeString(config.resolve("id_ecdsa"), EmbeddedSftpServer.clientKeyFile(EmbeddedSftpServer.PASSPHRASE));
    Destination destination = Destination.of("sftp://exporter@files.example.org/out")
        .withOption("privateKeyFile", keyFile.toString())
        .withOption("hostKeyFingerprint", HostKeyCheck.fingerprint(hostKey()))
        .withSecret("privateKeyPassphrase", SecretRef.of("vault:passphrase"));

    assertThat(new SftpTransportProvider().validate(destination, secrets)).isEmpty();
  }

  @Test
  void validateRefusesAMissingKeyFile() {
    Path missing = config.resolve("id_missing");
    Destination destination = Destination.of("sftp://exporter@files.example.org/out")
        .withOption("privateKeyFile", missing.toString())
        .withOption("hostKeyFingerprint", HostKeyCheck.fingerprint(hostKey()));

    assertThat(new SftpTransportProvider().validate(destination, secrets))
        .containsExactly("there is no private key file " + missing + ": check the option privateKeyFile");
  }

  private static java.security.PublicKey hostKey() {
    return EmbeddedSftpServer.HOST_KEY.getPublic();
  }

  private Path knownHosts(String content) throws IOException {
    return Files.writeString(config.resolve("known_hosts"), content + "\n");
  }

  private Destination sftp(Path knownHosts) {
    return Destination.of("sftp://exporter@127.0.0.1:" + server.port() + "/outbox")
        .withOption("knownHosts", knownHosts.toString()).withSecret("password", SecretRef.of("vault:sftp"));
  }

  private static void deliver(Transport transport, String name, String content) throws IOException {
    try (Upload upload = transport.upload(name)) {
      upload.stream().write(content.getBytes(StandardCharsets.UTF_8));
      upload.stream().close();
      upload.commit();
    }
  }

  private static String stackTrace(Throwable failure) {
    StringWriter out = new StringWriter();
    failure.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
