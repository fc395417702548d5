package io.exportkit.transport.sftp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import org.jspecify.annotations.Nullable;

/**
 * Checks the server's host key against a known_hosts file (plain, hashed and {@code [host]:port}
 * entries, through SSHJ's reader) or a pinned SHA-256 fingerprint, or accepts any key when the
 * destination says {@code insecureAcceptAnyHostKey=true}. Remembers the key it was shown, so that
 * a refusal can name it.
 */
final class HostKeyCheck implements HostKeyVerifier {
  private final @Nullable HostKeyVerifier knownHosts;
  private final @Nullable String pinned;
  private final String expectation;
  private @Nullable String presented;

  private HostKeyCheck(@Nullable HostKeyVerifier knownHosts, @Nullable String pinned, String expectation) {
    this.knownHosts = knownHosts;
    this.pinned = pinned;
    this.expectation = expectation;
  }

  static HostKeyCheck of(SftpOptions options) throws IOException {
    if (options.insecureAcceptAnyHostKey()) {
      return new HostKeyCheck(null, null, "any key");
    }
    if (options.hostKeyFingerprint() != null) {
      return new HostKeyCheck(null, options.hostKeyFingerprint(),
          "the pinned fingerprint " + options.hostKeyFingerprint() + " (option hostKeyFingerprint)");
    }
    if (!Files.isRegularFile(options.knownHosts())) {
      throw new HostKeyException(options.target() + ": there is no known_hosts file at " + options.knownHosts()
          + " to check the server's host key against: name one with the option knownHosts, or pin the key with "
          + "hostKeyFingerprint");
    }
    String entry = options.port() == 22 ? options.host() : "[" + options.host() + "]:" + options.port();
    return new HostKeyCheck(new OpenSSHKnownHosts(options.knownHosts().toFile()), null,
        "the key of " + entry + " in " + options.knownHosts());
  }

  @Override
  public boolean verify(String hostname, int port, PublicKey key) {
    presented = KeyType.fromKey(key) + " " + fingerprint(key);
    if (knownHosts != null) {
      return knownHosts.verify(hostname, port, key);
    }
    return pinned == null || MessageDigest.isEqual(pinned.getBytes(StandardCharsets.US_ASCII),
        fingerprint(key).getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public List<String> findExistingAlgorithms(String hostname, int port) {
    return knownHosts == null ? List.of() : knownHosts.findExistingAlgorithms(hostname, port);
  }

  /** Why the connection to {@code options}' server was refused, and what to do. */
  HostKeyException refusal(SftpOptions options, Throwable cause) {
    HostKeyException e = new HostKeyException(options.target() + ": the server's host key (" + presented
        + ") does not match " + expectation + ". If the server's administrator confirms that fingerprint, add the key to "
        + "the known_hosts file (ssh-keyscan -p " + options.port() + " " + options.host() + ") or pin it with the option "
        + "hostKeyFingerprint; otherwise something is posing as the server");
    e.initCause(cause);
    return e;
  }

  /** The key's fingerprint as {@code ssh-keygen -lf} prints it: {@code SHA256:} and unpadded base64. */
  static String fingerprint(PublicKey key) {
    try {
      byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /** The server's host key was refused; a permanent failure. */
  static final class HostKeyException extends IOException {
    private static final long serialVersionUID = 1L;

    HostKeyException(String message) {
      super(message);
    }
  }
}
