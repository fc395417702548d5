package io.exportkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery over FTP and FTPS (explicit TLS) to real servers (Apache FtpServer on loopback), with the
 * password in an environment variable.
 */
class DemoFtpDeliveryTest {
  private static final Map<String, String> PASSWORD_ENV = Map.of("FTP_PASSWORD", EmbeddedFtpServer.PASSWORD);

  @TempDir
  static Path dir;

  static Path plainRoot;
  static Path tlsRoot;
  static EmbeddedFtpServer.Certificate certificate;
  static EmbeddedFtpServer plain;
  static EmbeddedFtpServer tls;

  @BeforeAll
  static void startServers() throws Exception {
    plainRoot = Files.createDirectory(dir.resolve("plain"));
    tlsRoot = Files.createDirectory(dir.resolve("tls"));
    certificate = EmbeddedFtpServer.certificate(dir);
    plain = EmbeddedFtpServer.start(plainRoot, null);
    tls = EmbeddedFtpServer.start(tlsRoot, certificate);
  }

  @AfterAll
  static void stopServers() {
    plain.close();
    tls.close();
  }

  @Test
  void ftpWithThePasswordFromTheEnvironmentDeliversTheFile() throws Exception {
    Demo.Result result = Demo.run(PASSWORD_ENV, "--participants", "1000", "--to", plain.uri("ftp", "outbox"),
        "--password-env", "FTP_PASSWORD", "--naming", "delivered.{ext}");

    assertThat(result.exit()).as(result.err()).isZero();
    Path file = plainRoot.resolve("outbox/delivered.csv");
    assertThat(result.report()).containsEntry("outcome", "SUCCEEDED").containsEntry("rows", 1000L)
        .containsEntry("bytes", Files.size(file)).containsEntry("sha256", DemoCommandTest.sha256(file))
        .containsEntry("location", plain.uri("ftp", "outbox/delivered.csv"));
    assertThat(result.out() + result.err()).doesNotContain(EmbeddedFtpServer.PASSWORD);
  }

  @Test
  void ftpsTrustingTheServersCertificateDeliversTheFile() throws Exception {
    Demo.Result result = Demo.run(PASSWORD_ENV, "--participants", "10", "--to", tls.uri("ftps", "trusted"),
        "--password-env", "FTP_PASSWORD", "--ca-cert", certificate.pem().toString(), "--naming", "delivered.{ext}");

    assertThat(result.exit()).as(result.err()).isZero();
    Path file = tlsRoot.resolve("trusted/delivered.csv");
    assertThat(result.report()).containsEntry("outcome", "SUCCEEDED").containsEntry("sha256", DemoCommandTest.sha256(file));
  }

  @Test
  void ftpsWithAnUntrustedCertificateFailsWithExitOne() {
    Demo.Result result = Demo.run(PASSWORD_ENV, "--participants", "10", "--to", tls.uri("ftps", "untrusted"),
        "--password-env", "FTP_PASSWORD");

    assertThat(result.exit()).isEqualTo(1);
    assertThat((String) result.report().get("error")).contains("is not trusted");
    assertThat(tlsRoot.resolve("untrusted")).doesNotExist();
  }

  @Test
  void ftpsInsecureTrustAllDeliversAndWarns() {
    Demo.Result result = Demo.run(PASSWORD_ENV, "--participants", "10", "--to", tls.uri("ftps", "insecure"),
        "--password-env", "FTP_PASSWORD", "--insecure-trust-all", "--naming", "delivered.{ext}");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(tlsRoot.resolve("insecure/delivered.csv")).isRegularFile();
    assertThat(result.err()).contains("warning: --insecure-trust-all: the server's TLS certificate is not checked");
  }

  @Test
  void wrongPasswordFailsWithExitOneNamingTheVariableNeverTheValue() {
    String wrong = "Wrong-pa55word-3e";

    Demo.Result result = Demo.run(Map.of("FTP_PASSWORD", wrong), "--participants", "10",
        "--to", plain.uri("ftp", "refused"), "--password-env", "FTP_PASSWORD");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.report()).containsEntry("outcome", "FAILED");
    assertThat((String) result.report().get("error")).contains("env:FTP_PASSWORD");
    assertThat(result.out() + result.err()).doesNotContain(wrong);
    assertThat(plainRoot.resolve("refused")).doesNotExist();
  }
}
