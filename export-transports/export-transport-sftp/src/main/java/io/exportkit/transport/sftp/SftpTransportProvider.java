package io.exportkit.transport.sftp;

import io.exportkit.Destination;
import io.exportkit.SecretResolver;
import io.exportkit.spi.Transport;
import io.exportkit.spi.TransportProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers over SFTP: {@code sftp://user@host:22/folder}.
 *
 * <p>Login with a password (secret role {@code password}) and/or a private key in OpenSSH, PEM or
 * PKCS#8 form (secret role {@code privateKey} holding the key's text, or option
 * {@code privateKeyFile} naming the file), whose passphrase is the secret role
 * {@code privateKeyPassphrase}.
 *
 * <p>The server's host key is always checked: against the known_hosts file named by the option
 * {@code knownHosts} (default {@code ~/.ssh/known_hosts}; plain, hashed and {@code [host]:port}
 * entries), or against the SHA-256 fingerprint pinned by {@code hostKeyFingerprint}
 * ({@code SHA256:…}, as {@code ssh-keygen -lf} prints it). {@code insecureAcceptAnyHostKey=true}
 * turns the check off and logs it at WARN: for test servers only. The path is from the server's
 * root; {@code sftp://user@host/~/folder} is in the login folder, as with curl.
 *
 * <p>Each file is written under a hidden temporary name in the target folder (created when
 * missing), straight from the stream, and renamed to its final name on commit once the server
 * reports the size that was sent; abort removes it. An existing file is replaced only when the
 * destination allows overwriting, atomically with {@code posix-rename@openssh.com} where the server
 * offers it. Other options: {@code connectTimeout}, {@code readTimeout} (ISO-8601, default
 * {@code PT30S}, {@code PT60S}; no step waits longer than {@code readTimeout} for the server,
 * whatever it does), {@code maxAttempts} (tries of each step after transient failures,
 * default 3) and {@code retryBackoff} (first pause, doubled each time, default {@code PT1S}). A
 * failure while the bytes stream cannot be retried (the pipeline streams them once): the run fails,
 * and nothing appears under the final name.
 *
 * <p>Stateless and thread-safe; found through {@link java.util.ServiceLoader}.
 */
public final class SftpTransportProvider implements TransportProvider {

  @Override
  public String id() {
    return "sftp";
  }

  /**
   * Checks the URI and options, then what can be checked without connecting: the private key
   * parses and its passphrase opens it, the private key file and the known_hosts file exist.
   */
  @Override
  public List<String> validate(Destination destination, SecretResolver secrets) {
    List<String> problems = new ArrayList<>();
    SftpOptions.parse(destination, problems).ifPresent(options -> {
      if (!options.insecureAcceptAnyHostKey() && options.hostKeyFingerprint() == null) {
        String missing = HostKeyCheck.missingKnownHosts(options.knownHosts());
        if (missing != null) {
          problems.add(missing);
        }
      }
      boolean keyResolves = options.privateKey() == null || secrets.resolve(options.privateKey()).isPresent();
      boolean passphraseResolves = options.privateKeyPassphrase() == null
          || secrets.resolve(options.privateKeyPassphrase()).isPresent();
      if ((options.privateKey() != null || options.privateKeyFile() != null) && keyResolves && passphraseResolves) {
        try {
          SftpConnection.privateKey(options, secrets);
        } catch (IOException e) {
          problems.add(e.getMessage());
        }
      }
    });
    return problems;
  }

  @Override
  public Transport open(Destination destination, SecretResolver secrets) throws IOException {
    List<String> problems = new ArrayList<>();
    SftpOptions options = SftpOptions.parse(destination, problems).orElseThrow(
        () -> new IllegalArgumentException("invalid destination " + destination.uri() + ": " + String.join("; ", problems)));
    return SftpTransport.open(options, secrets);
  }
}
