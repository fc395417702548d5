package io.exportkit.transport.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import io.exportkit.testing.CapturedStandardError;
import io.exportkit.testing.InMemorySecretResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server with an RSA and an Ed25519 host key that, as OpenSSH since 8.8, signs with RSA only as
 * rsa-sha2-256/512: whichever of its keys known_hosts holds is the one asked for, as OpenSSH's
 * sftp does; a revoked key is refused.
 */
class SftpHostKeyTest {
  @TempDir
  Path root;

  @TempDir
  Path config;

  private final CapturedStandardError log = new CapturedStandardError();
  private final InMemorySecretResolver secrets = InMemorySecretResolver.of().with("vault:sftp", EmbeddedSftpServer.PASSWORD);
  private EmbeddedSftpServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = EmbeddedSftpServer.on(root).hostKeys(EmbeddedSftpServer.RSA_HOST_KEY, EmbeddedSftpServer.ED25519_HOST_KEY).start();
  }

  @AfterEach
  void stopServer() throws IOException {
    server.close();
    log.close();
  }

  @Test
  void aKnownHostsFileWithOnlyTheRsaLineConnects() throws Exception {
    Destination destination = destination(knownHosts(EmbeddedSftpServer.plainEntry(server.port(), rsa())));

    deliver(destination, "rsa-only.csv");

    assertThat(root.resolve("outbox/rsa-only.csv")).hasContent("checked");
  }

  @Test
  void aHashedKnownHostsLineWithOnlyTheRsaKeyConnects() throws Exception {
    Destination destination = destination(knownHosts(EmbeddedSftpServer.hashedEntry(server.port(), rsa())));

    deliver(destination, "rsa-hashed.csv");

    assertThat(root.resolve("outbox/rsa-hashed.csv")).hasContent("checked");
  }

  @Test
  void aKnownHostsFileWithOnlyTheEd25519LineConnects() throws Exception {
    Destination destination = destination(knownHosts(EmbeddedSftpServer.plainEntry(server.port(), ed25519())));

    deliver(destination, "ed25519-only.csv");

    assertThat(root.resolve("outbox/ed25519-only.csv")).hasContent("checked");
  }

  @Test
  void aRevokedKeyIsRefusedEvenWhenAlsoListedNormally() throws Exception {
    Path knownHosts = knownHosts(EmbeddedSftpServer.plainEntry(server.port(), ed25519()) + "\n"
        + "@revoked * " + EmbeddedSftpServer.publicKey(ed25519()));
    Destination destination = destination(knownHosts);

    Throwable failure = catchThrowable(() -> deliver(destination, "revoked.csv"));

    assertThat(failure).isInstanceOf(IOException.class).hasMessage("the server's host key (ssh-ed25519 "
        + HostKeyCheck.fingerprint(ed25519()) + ") is marked @revoked in " + knownHosts + ": it must never be trusted "
        + "again. Ask the server's administrator for the server's new key and add it to the known_hosts file");
    assertThat(root.resolve("outbox/revoked.csv")).doesNotExist();
    assertThat(log.text()).doesNotContain("retrying");
  }

  private static PublicKey rsa() {
    return EmbeddedSftpServer.RSA_HOST_KEY.getPublic();
  }

  private static PublicKey ed25519() {
    return EmbeddedSftpServer.ED25519_HOST_KEY.getPublic();
  }

  private Path knownHosts(String content) throws IOException {
    return Files.writeString(config.resolve("known_hosts"), content + "\n");
  }

  private Destination destination(Path knownHosts) {
    return Destination.of("sftp://exporter@127.0.0.1:" + server.port() + "/outbox")
        .withOption("knownHosts", knownHosts.toString()).withSecret("password", SecretRef.of("vault:sftp"));
  }

  private void deliver(Destination destination, String name) throws IOException {
    try (Transport transport = new SftpTransportProvider().open(destination, secrets); Upload upload = transport.upload(name)) {
      upload.stream().write("checked".getBytes(StandardCharsets.UTF_8));
      upload.stream().close();
      upload.commit();
    }
  }
}
