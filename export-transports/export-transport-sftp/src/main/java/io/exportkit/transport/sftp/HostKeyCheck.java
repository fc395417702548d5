package io.exportkit.transport.sftp;

import com.hierynomus.sshj.key.KeyAlgorithm;
import com.hierynomus.sshj.key.KeyAlgorithms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts.KnownHostEntry;
import org.jspecify.annotations.Nullable;

/**
 * Checks the server's host key against a known_hosts file (plain, hashed and {@code [host]:port}
 * entries, through SSHJ's reader) or a pinned SHA-256 fingerprint, or accepts any key when the
 * destination says {@code insecureAcceptAnyHostKey=true}. Remembers the key it was shown, so that
 * a refusal can name it.
 *
 * <p>As OpenSSH does, the host key algorithms offered in the key exchange put first those that
 * sign with a key type known_hosts holds for the host: a server with an RSA and an Ed25519 key,
 * known by its RSA line only, is asked for its RSA key ({@code rsa-sha2-512}, {@code rsa-sha2-256};
 * SSHJ alone would prefer only the legacy {@code ssh-rsa}, which OpenSSH 8.8+ no longer offers,
 * and be shown the unknown Ed25519 key). A key on an {@code @revoked} line is refused whatever
 * else the file says about it.
 */
final class HostKeyCheck implements HostKeyVerifier {
  private static final String REVOKED = "@revoked ";

  private final @Nullable OpenSSHKnownHosts knownHosts;
  private final @Nullable String pinned;
  private final String expectation;
  private final List<Factory.Named<KeyAlgorithm>> keyAlgorithms;
  private @Nullable String presented;
  private boolean revoked;

  private HostKeyCheck(@Nullable OpenSSHKnownHosts knownHosts, @Nullable String pinned, String expectation,
      List<Factory.Named<KeyAlgorithm>> keyAlgorithms) {
    this.knownHosts = knownHosts;
    this.pinned = pinned;
    this.expectation = expectation;
    this.keyAlgorithms = keyAlgorithms;
  }

  /** The check {@code options} ask for; {@code keyAlgorithms} are the client's, in its order of preference. */
  static HostKeyCheck of(SftpOptions options, List<Factory.Named<KeyAlgorithm>> keyAlgorithms) throws IOException {
    if (options.insecureAcceptAnyHostKey()) {
      return new HostKeyCheck(null, null, "any key", keyAlgorithms);
    }
    if (options.hostKeyFingerprint() != null) {
      return new HostKeyCheck(null, options.hostKeyFingerprint(),
          "the pinned fingerprint " + options.hostKeyFingerprint() + " (option hostKeyFingerprint)", keyAlgorithms);
    }
    String missing = missingKnownHosts(options.knownHosts());
    if (missing != null) {
      throw new HostKeyException(missing);
    }
    return new HostKeyCheck(new OpenSSHKnownHosts(options.knownHosts().toFile()), null,
        "the key of " + entry(options.host(), options.port()) + " in " + options.knownHosts(), keyAlgorithms);
  }

  /** Why {@code knownHosts} cannot serve, or null when it is a file. */
  static @Nullable String missingKnownHosts(Path knownHosts) {
    return Files.isRegularFile(knownHosts) ? null : "there is no known_hosts file at " + knownHosts
        + " to check the server's host key against: name one with the option knownHosts, or pin the key with "
        + "hostKeyFingerprint";
  }

  /** How known_hosts names the host: {@code host}, or {@code [host]:port} off port 22. */
  private static String entry(String host, int port) {
    return port == 22 ? host : "[" + host + "]:" + port;
  }

  @Override
  public boolean verify(String hostname, int port, PublicKey key) {
    presented = KeyType.fromKey(key) + " " + fingerprint(key);
    if (knownHosts != null) {
      revoked = isRevoked(key);
      return !revoked && knownHosts.verify(hostname, port, key);
    }
    return pinned == null || MessageDigest.isEqual(pinned.getBytes(StandardCharsets.US_ASCII),
        fingerprint(key).getBytes(StandardCharsets.US_ASCII));
  }

  /** Whether an {@code @revoked} line holds {@code key}, for whichever host: a revoked key is never trusted. */
  private boolean isRevoked(PublicKey key) {
    String blob = Base64.getEncoder().encodeToString(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
    for (KnownHostEntry e : knownHosts.entries()) {
      String[] fields = e.getLine().split(" ");
      if (e.getLine().startsWith(REVOKED) && fields.length > 3 && fields[3].equals(blob)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The client's host key algorithms for the key types known_hosts holds (not revoked) for the
   * host, in the client's order; SSHJ offers these first in the key exchange.
   */
  @Override
  public List<String> findExistingAlgorithms(String hostname, int port) {
    if (knownHosts == null) {
      return List.of();
    }
    Set<KeyType> known = EnumSet.noneOf(KeyType.class);
    for (KnownHostEntry e : knownHosts.entries()) {
      try {
        if (!e.getLine().startsWith("@") && e.appliesTo(entry(hostname, port))) {
          known.add(e.getType());
        }
      } catch (IOException unreadable) {
        // an entry SSHJ cannot match is no known type
      }
    }
    return keyAlgorithms.stream().filter(algorithm -> known.contains(keyType(algorithm))).map(Factory.Named::getName).toList();
  }

  private static KeyType keyType(Factory.Named<KeyAlgorithm> algorithm) {
    return algorithm instanceof KeyAlgorithms.Factory factory ? factory.getKeyType() : KeyType.fromString(algorithm.getName());
  }

  /** Why the connection to {@code options}' server was refused, and what to do. */
  HostKeyException refusal(SftpOptions options, Throwable cause) {
    HostKeyException e = new HostKeyException(revoked
        ? "the server's host key (" + presented + ") is marked @revoked in " + options.knownHosts() + ": it must never be "
            + "trusted again. Ask the server's administrator for the server's new key and add it to the known_hosts file"
        : "the server's host key (" + presented + ") does not match " + expectation + ". If the server's administrator "
            + "confirms that fingerprint, add the key to the known_hosts file (ssh-keyscan -p " + options.port() + " "
            + options.host() + ") or pin it with the option hostKeyFingerprint; otherwise something is posing as the server");
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
