package io.exportkit.transport.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.exportkit.Destination;
import io.exportkit.SecretResolver;
import io.exportkit.SecretRef;
import io.exportkit.spi.Transport;
import io.exportkit.spi.TransportProvider;
import io.exportkit.spi.Upload;
import io.exportkit.testing.CapturedStandardError;
import io.exportkit.testing.InMemorySecretResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures against real FTP and FTPS servers: each fails as it should, says why, and never leaks a secret. */
class FtpFaultTest {
  private static final String WRONG_PASSWORD = "Wr0ng-pa55-e1d";
  private static final String TRUST_STORE_PASSWORD = "Trust-st0re-77";
  private static final InMemorySecretResolver SECRETS = InMemorySecretResolver.of()
      .with("vault:ftp", EmbeddedFtpServer.PASSWORD).with("vault:wrong", WRONG_PASSWORD)
      .with("vault:truststore", TRUST_STORE_PASSWORD);

  @TempDir
  Path root;

  private final CapturedStandardError log = new CapturedStandardError();

  @AfterEach
  void noSecretWasLogged() {
    log.close();
    assertThat(log.text()).doesNotContain(EmbeddedFtpServer.PASSWORD, WRONG_PASSWORD, TRUST_STORE_PASSWORD);
  }

  @Test
  void aConnectionDroppedMidUploadLeavesNothingAndANewRunSucceeds() throws Exception {
    EmbeddedFtpServer server = EmbeddedFtpServer.plain(root);
    Destination destination = ftp(server.port()).withOption("retryBackoff", "PT0.05S");
    byte[] chunk = new byte[64 * 1024];

    Throwable failure = catchThrowable(() -> {
      try (Transport transport = new FtpTransportProvider().open(destination, SECRETS);
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
    EmbeddedFtpServer restarted = EmbeddedFtpServer.start(root, null, false, server.port(), 10);
    try (Transport transport = new FtpTransportProvider().open(destination, SECRETS)) {
      deliver(transport, "dropped.csv", "the second run");
    } finally {
      restarted.close();
    }
    assertThat(root.resolve("outbox/dropped.csv")).hasContent("the second run");
  }

  @Test
  void aBusyServerIsTriedAgainUntilItLetsTheUserIn() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (EmbeddedFtpServer server = EmbeddedFtpServer.start(root, null, false, 0, 1)) {
      Destination destination = ftp(server.port()).withOption("maxAttempts", "10").withOption("retryBackoff", "PT0.2S");
      Transport first = new FtpTransportProvider().open(destination, SECRETS);

      Future<Transport> second = executor.submit(() -> new FtpTransportProvider().open(destination, SECRETS));
      awaitLog("connecting to " + destination.uri() + " failed (attempt 1/10)");
      first.close();
      try (Transport transport = second.get(60, TimeUnit.SECONDS)) {
        deliver(transport, "patient.csv", "delivered after a 421");
      }
    } finally {
      executor.shutdownNow();
    }

    assertThat(root.resolve("outbox/patient.csv")).hasContent("delivered after a 421");
  }

  @Test
  void failedUploadsLeaveNoConnectionBehindEvenWhenTheTransportClosesFirst() throws Exception {
    try (EmbeddedFtpServer server = EmbeddedFtpServer.start(root, null, false, 0, 2)) {
      Destination destination = ftp(server.port()).withOption("maxAttempts", "1");
      for (int run = 0; run < 3; run++) {
        Transport transport = new FtpTransportProvider().open(destination, SECRETS);
        Upload upload = transport.upload("failed-" + run + ".csv");
        upload.stream().write(new byte[16 * 1024]);
        transport.close(); // a host may end the transport first; the upload then cleans up on its own
        upload.abort();
      }

      try (Transport transport = new FtpTransportProvider().open(destination, SECRETS)) {
        deliver(transport, "healthy.csv", "after three failed runs");
      }
    }

    assertThat(root.resolve("outbox/healthy.csv")).hasContent("after three failed runs");
    try (var files = java.nio.file.Files.list(root.resolve("outbox"))) {
      assertThat(files.map(file -> file.getFileName().toString())).containsExactly("healthy.csv");
    }
  }

  @Test
  void aRefusedConnectionIsTriedABoundedNumberOfTimes() throws Exception {
    int port;
    try (EmbeddedFtpServer server = EmbeddedFtpServer.plain(root)) {
      port = server.port();
    }
    Destination destination = ftp(port).withOption("maxAttempts", "3").withOption("retryBackoff", "PT0.01S");

    assertThatThrownBy(() -> new FtpTransportProvider().open(destination, SECRETS))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("connecting failed after 3 attempts");
    assertThat(log.text()).contains("(attempt 2/3); retrying");
  }

  @Test
  void aWrongPasswordFailsAtOnceNamingTheDestinationAndNotThePassword() throws Exception {
    try (EmbeddedFtpServer server = EmbeddedFtpServer.plain(root)) {
      Destination destination = ftp(server.port()).withSecret("password", SecretRef.of("vault:wrong"));

      Throwable failure = catchThrowable(() -> new FtpTransportProvider().open(destination, SECRETS));

      assertThat(failure).isInstanceOf(IOException.class).hasMessage(
          "login as 'exporter' refused (530 Authentication failed.): check the user and the secret 'vault:wrong'");
      assertThat(stackTrace(failure)).doesNotContain(WRONG_PASSWORD, EmbeddedFtpServer.PASSWORD);
      assertThat(log.text()).doesNotContain("retrying");
    }
  }

  @Test
  void anExpiredCertificateFailsAtOnce() throws Exception {
    TestCertificates.ServerCertificate expired = TestCertificates.get().expired;
    try (EmbeddedFtpServer server = EmbeddedFtpServer.tls(root, expired.keyStore(), false)) {
      Destination destination = ftps(server.port()).withOption("caCert", expired.pem().toString());

      assertThatThrownBy(() -> new FtpsTransportProvider().open(destination, SECRETS))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageStartingWith("the certificate of localhost expired on ")
          .hasMessageEndingWith(": the server's administrator must renew it");
      assertThat(log.text()).doesNotContain("retrying");
    }
  }

  @Test
  void aCertificateForAnotherHostNameFailsAtOnce() throws Exception {
    TestCertificates.ServerCertificate other = TestCertificates.get().otherHost;
    try (EmbeddedFtpServer server = EmbeddedFtpServer.tls(root, other.keyStore(), false)) {
      Destination destination = ftps(server.port()).withOption("caCert", other.pem().toString());

      assertThatThrownBy(() -> new FtpsTransportProvider().open(destination, SECRETS))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessage("the certificate of localhost is not valid for the host name localhost "
              + "(it names [files.example.org]): connect with a name the certificate holds, or have it reissued");
      assertThat(log.text()).doesNotContain("retrying");
    }
  }

  @Test
  void aCertificateFromAnUnknownAuthorityFailsAtOnce() throws Exception {
    try (EmbeddedFtpServer server = EmbeddedFtpServer.tls(root, TestCertificates.get().valid.keyStore(), true)) {
      Destination destination = ftps(server.port()).withOption("implicitTls", "true");

      assertThatThrownBy(() -> new FtpsTransportProvider().open(destination, SECRETS))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessage("the certificate of localhost (CN=valid, issued by CN=valid) is not trusted: "
              + "give its CA certificate with the option caCert=/path/ca.pem (or trustStore)");
    }
  }

  @Test
  void insecureTrustAllAcceptsAnyCertificateAndSaysSo() throws Exception {
    try (EmbeddedFtpServer server = EmbeddedFtpServer.tls(root, TestCertificates.get().otherHost.keyStore(), false)) {
      Destination destination = ftps(server.port()).withOption("insecureTrustAll", "true");

      try (Transport transport = new FtpsTransportProvider().open(destination, SECRETS)) {
        deliver(transport, "unchecked.csv", "no checks");
      }

      assertThat(root.resolve("outbox/unchecked.csv")).hasContent("no checks");
      assertThat(log.text()).contains("WARN io.exportkit.transport.ftp.FtpTransport - Delivery to " + destination.uri()
          + " does not check the server's TLS certificate (insecureTrustAll=true)");
    }
  }

  @Test
  void aGivenTrustStoreIsTrusted() throws Exception {
    TestCertificates.ServerCertificate valid = TestCertificates.get().valid;
    Path store = TestCertificates.trustStore(valid.pem(), root.resolve("trust.p12"), TRUST_STORE_PASSWORD);
    try (EmbeddedFtpServer server = EmbeddedFtpServer.tls(root, valid.keyStore(), false)) {
      Destination destination = ftps(server.port()).withOption("trustStore", store.toString())
          .withSecret("trustStorePassword", SecretRef.of("vault:truststore"));

      try (Transport transport = new FtpsTransportProvider().open(destination, SECRETS)) {
        deliver(transport, "trusted.csv", "trusted");
      }
    }

    assertThat(root.resolve("outbox/trusted.csv")).hasContent("trusted");
  }

  @Test
  void activeModeDeliversAndPlainFtpIsLoggedAsInsecure() throws Exception {
    try (EmbeddedFtpServer server = EmbeddedFtpServer.plain(root)) {
      Destination destination = ftp(server.port()).withOption("passive", "false");

      try (Transport transport = new FtpTransportProvider().open(destination, SECRETS)) {
        deliver(transport, "active.csv", "sent in active mode");
      }

      assertThat(root.resolve("outbox/active.csv")).hasContent("sent in active mode");
      assertThat(log.text()).contains("WARN io.exportkit.transport.ftp.FtpTransport - Delivery to " + destination.uri()
          + " uses plain FTP: the password and the file cross the network unencrypted");
    }
  }

  @Test
  void validateReportsEveryBadOption() {
    Destination destination = Destination.of("ftp://files.example.org/out").withOption("pasive", "true")
        .withOption("connectTimeout", "30").withOption("maxAttempts", "0").withOption("caCert", "/etc/ca.pem");

    List<String> problems = new FtpTransportProvider().validate(destination, SecretResolver.NONE);

    assertThat(problems).containsExactlyInAnyOrder(
        "unknown option 'pasive' for ftp: destinations; known options: [caCert, connectTimeout, implicitTls, "
            + "insecureTrustAll, maxAttempts, passive, readTimeout, retryBackoff, trustStore]",
        "option caCert applies to ftps: destinations only",
        "ftp: destination needs a user, as in ftp://user@host/folder: ftp://files.example.org/out",
        "ftp: destination needs the secret role 'password' (Destination.withSecret(\"password\", ref))",
        "option connectTimeout must be a positive ISO-8601 duration such as PT30S, not '30'",
        "option maxAttempts must be a whole number from 1 to 10, not '0'");
  }

  @Test
  void validateRefusesAQueryOrFragmentTheTransportWouldIgnore() {
    for (String uri : new String[] {"ftp://exporter@files.example.org/out?passive=false", "ftps://exporter@files.example.org/out?implicitTls=true",
        "ftp://exporter@files.example.org/out#top"}) {
      Destination destination = Destination.of(uri).withSecret("password", SecretRef.of("vault:ftp"));
      TransportProvider provider = uri.startsWith("ftps") ? new FtpsTransportProvider() : new FtpTransportProvider();

      assertThat(provider.validate(destination, SECRETS)).as(uri).singleElement().asString()
          .contains("is not read").contains("Destination.withOption");
    }
  }

  @Test
  void validateAcceptsAGoodFtpsDestination() {
    Destination destination = ftps(990).withOption("implicitTls", "true").withOption("caCert", "/etc/ca.pem")
        .withOption("connectTimeout", "PT10S");

    assertThat(new FtpsTransportProvider().validate(destination, SecretResolver.NONE)).isEmpty();
  }

  private static Destination ftp(int port) {
    return Destination.of("ftp://exporter@127.0.0.1:" + port + "/outbox").withSecret("password", SecretRef.of("vault:ftp"));
  }

  private static Destination ftps(int port) {
    return Destination.of("ftps://exporter@localhost:" + port + "/outbox").withSecret("password", SecretRef.of("vault:ftp"));
  }

  private static void deliver(Transport transport, String name, String content) throws IOException {
    try (Upload upload = transport.upload(name)) {
      upload.stream().write(content.getBytes(StandardCharsets.UTF_8));
      upload.stream().close();
      upload.commit();
    }
  }

  private void awaitLog(String text) throws InterruptedException {
    for (int i = 0; i < 600 && !log.text().contains(text); i++) {
      Thread.sleep(50);
    }
    assertThat(log.text()).contains(text);
  }

  private static String stackTrace(Throwable failure) {
    StringWriter out = new StringWriter();
    failure.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
