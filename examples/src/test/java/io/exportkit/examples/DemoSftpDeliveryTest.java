package io.exportkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery over SFTP to a real server (Apache MINA SSHD on loopback), with the secrets in environment variables. */
class DemoSftpDeliveryTest {
  private static final Map<String, String> PASSWORD_ENV = Map.of("SFTP_PASSWORD", EmbeddedSftpServer.PASSWORD);

  @TempDir
  Path dir;

  Path root;
  EmbeddedSftpServer server;

  @BeforeEach
  void startServer() throws Exception {
    root = Files.createDirectory(dir.resolve("server"));
    server = EmbeddedSftpServer.start(root);
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  @Test
  void passwordFromTheEnvironmentAndPinnedHostKeyDeliverTheFile() throws Exception {
    Demo.Result result = Demo.run(PASSWORD_ENV, "--participants", "1000", "--to", server.uri("outbox/daily"),
        "--password-env", "SFTP_PASSWORD", "--host-key-fingerprint", EmbeddedSftpServer.hostKeyFingerprint(),
        "--naming", "demo.{ext}");

    assertThat(result.exit()).as(result.err()).isZero();
    Path file = root.resolve("outbox/daily/demo.csv");
    assertThat(result.report()).containsEntry("outcome", "SUCCEEDED").containsEntry("rows", 1000L)
        .containsEntry("bytes", Files.size(file)).containsEntry("sha256", DemoCommandTest.sha256(file))
        .containsEntry("location", server.uri("outbox/daily/demo.csv"));
    assertThat(DemoCommandTest.csv(file)).hasSize(1 + 1000);
    assertThat(result.out() + result.err()).doesNotContain(EmbeddedSftpServer.PASSWORD);
  }

  @Test
  void privateKeyWithPassphraseAndKnownHostsDeliverTheFile() throws Exception {
    Path key = EmbeddedSftpServer.clientKeyFile(dir.resolve("id_ecdsa"), "Key-pa55phrase-8e");
    Path knownHosts = server.knownHosts(dir.resolve("known_hosts"), EmbeddedSftpServer.HOST_KEY);

    Demo.Result result = Demo.run(Map.of("KEY_PASSPHRASE", "Key-pa55phrase-8e"), "--participants", "10",
        "--to", server.uri("out"), "--identity", key.toString(), "--identity-passphrase-env", "KEY_PASSPHRASE",
        "--known-hosts", knownHosts.toString(), "--naming", "demo.{ext}");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.report()).containsEntry("outcome", "SUCCEEDED").containsEntry("rows", 10L);
    assertThat(root.resolve("out/demo.csv")).isRegularFile();
  }

  @Test
  void insecureTrustAllDeliversWithoutAHostKeyCheckAndWarns() {
    Demo.Result result = Demo.run(PASSWORD_ENV, "--participants", "10", "--to", server.uri("out"),
        "--password-env", "SFTP_PASSWORD", "--insecure-trust-all", "--naming", "demo.{ext}");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(root.resolve("out/demo.csv")).isRegularFile();
    assertThat(result.err()).contains("warning: --insecure-trust-all: the server's host key is not checked");
  }

  @Test
  void wrongPasswordFailsWithExitOneNamingTheVariableNeverTheValue() throws Exception {
    String wrong = "Wrong-pa55word-7a";

    Demo.Result result = Demo.run(Map.of("SFTP_PASSWORD", wrong), "--participants", "10", "--to", server.uri("out"),
        "--password-env", "SFTP_PASSWORD", "--host-key-fingerprint", EmbeddedSftpServer.hostKeyFingerprint());

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.report()).containsEntry("outcome", "FAILED").containsEntry("location", null);
    assertThat((String) result.report().get("error")).contains("env:SFTP_PASSWORD");
    assertThat(result.out() + result.err()).doesNotContain(wrong);
    assertThat(root.resolve("out")).satisfiesAnyOf(out -> assertThat(out).doesNotExist(), out -> assertThat(out).isEmptyDirectory());
  }

  @Test
  void hostKeyMissingFromKnownHostsFailsWithExitOne() throws Exception {
    Path knownHosts = server.knownHosts(dir.resolve("known_hosts"), EmbeddedSftpServer.CLIENT_KEY);

    Demo.Result result = Demo.run(PASSWORD_ENV, "--participants", "10", "--to", server.uri("out"),
        "--password-env", "SFTP_PASSWORD", "--known-hosts", knownHosts.toString());

    assertThat(result.exit()).isEqualTo(1);
    assertThat((String) result.report().get("error")).contains("host key").contains(knownHosts.toString());
    assertThat(root.resolve("out")).doesNotExist();
  }

  @Test
  void unsetPasswordVariableIsRefusedBeforeConnecting() {
    Demo.Result result = Demo.run(Map.of(), "--to", server.uri("out"), "--password-env", "SFTP_PASSWORD");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("--password-env SFTP_PASSWORD: the environment variable SFTP_PASSWORD is not set");
  }
}
