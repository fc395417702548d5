package io.exportkit.transport.ftp;

import io.exportkit.Destination;
import io.exportkit.SecretResolver;
import io.exportkit.spi.Transport;
import io.exportkit.spi.TransportProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers over FTPS: {@code ftps://user@host:21/folder} with explicit TLS (AUTH TLS), or implicit
 * TLS (port 990 by default) with the option {@code implicitTls=true}. The password (secret role
 * {@code password}) and the file (PROT P) are both encrypted.
 *
 * <p>The server's certificate chain is checked against the JVM's trust store and, beside it, the CA
 * certificates in the PEM file named by the option {@code caCert}; or only against the trust store
 * named by {@code trustStore} (its password, if any, under the secret role {@code trustStorePassword}); the
 * host name of the URI must be one the certificate names. An expired certificate, an unknown CA or
 * a wrong name fails at once. {@code insecureTrustAll=true} turns these checks off and logs it at
 * WARN on every connection: for test servers only.
 *
 * <p>Delivery, overwriting and the other options are those of {@link FtpTransportProvider}.
 * Stateless and thread-safe; found through {@link java.util.ServiceLoader}.
 */
public final class FtpsTransportProvider implements TransportProvider {

  @Override
  public String id() {
    return "ftps";
  }

  @Override
  public List<String> validate(Destination destination, SecretResolver secrets) {
    List<String> problems = new ArrayList<>();
    FtpOptions.parse(destination, true, problems);
    return problems;
  }

  @Override
  public Transport open(Destination destination, SecretResolver secrets) throws IOException {
    return FtpTransport.open(FtpTransportProvider.options(destination, true), secrets);
  }
}
