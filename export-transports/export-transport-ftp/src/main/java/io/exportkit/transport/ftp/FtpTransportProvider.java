package io.exportkit.transport.ftp;

import io.exportkit.Destination;
import io.exportkit.SecretResolver;
import io.exportkit.spi.Transport;
import io.exportkit.spi.TransportProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers over plain FTP: {@code ftp://user@host:21/folder}, with the password under the secret
 * role {@code password}. Nothing is encrypted, so every connection is logged at WARN; prefer
 * {@link FtpsTransportProvider} ({@code ftps://}) wherever the server offers TLS.
 *
 * <p>The folder is relative to the login folder, as RFC 1738 says; {@code %2F} at its start makes
 * it absolute ({@code ftp://user@host/%2Fvar/exports}). A command argument holding CR, LF or NUL is
 * never sent.
 *
 * <p>Each file is stored in binary mode under a hidden temporary name in the target folder (created
 * when missing), straight from the stream, and renamed to its final name on commit once the server
 * reports the size that was sent; abort deletes it. An existing file is replaced only when the
 * destination allows overwriting. Options ({@link Destination#options()}):
 * <ul>
 *   <li>{@code passive} — {@code true} (default) or {@code false} for active mode;
 *   <li>{@code connectTimeout}, {@code readTimeout} — ISO-8601 durations, default {@code PT30S}, {@code PT60S};
 *       the read timeout bounds every wait on the server: a reply, and a write it does not take;
 *   <li>{@code maxAttempts} — tries of each step after transient failures (refused or dropped
 *       connection, timeout, 4xx reply), default 3; {@code retryBackoff} — the first pause, doubled
 *       each time, default {@code PT1S}.
 * </ul>
 * A failure while the bytes stream cannot be retried (the pipeline streams them once): the run
 * fails, and nothing appears under the final name.
 *
 * <p>Stateless and thread-safe; found through {@link java.util.ServiceLoader}.
 */
public final class FtpTransportProvider implements TransportProvider {

  @Override
  public String id() {
    return "ftp";
  }

  @Override
  public List<String> validate(Destination destination, SecretResolver secrets) {
    List<String> problems = new ArrayList<>();
    FtpOptions.parse(destination, false, problems);
    return problems;
  }

  @Override
  public Transport open(Destination destination, SecretResolver secrets) throws IOException {
    return FtpTransport.open(options(destination, false), secrets);
  }

  /** The settings of {@code destination}; a bad one fails with every problem named. */
  static FtpOptions options(Destination destination, boolean ftps) {
    List<String> problems = new ArrayList<>();
    return FtpOptions.parse(destination, ftps, problems).orElseThrow(
        () -> new IllegalArgumentException("invalid destination " + destination.uri() + ": " + String.join("; ", problems)));
  }
}
