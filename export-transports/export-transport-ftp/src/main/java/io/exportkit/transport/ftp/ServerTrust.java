package io.exportkit.transport.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether to trust an FTPS server, for one connection. Commons Net checks neither the chain
 * nor the host name by default; this checks both. The chain goes to the JVM's trust store, or to
 * the given CA certificates or trust store. The host name is checked by the JDK during the
 * handshake of the control connection (Commons Net's endpoint checking turns it on there). A data
 * connection carries no host name, so it must present the very certificate the control connection
 * presented.
 */
final class ServerTrust extends X509ExtendedTrustManager {
  /** The trust managers a chain may satisfy: the JVM's, and beside it the caCert's if given. */
  private final List<X509ExtendedTrustManager> delegates;
  private final String host;
  private @Nullable X509Certificate controlCertificate;

  private ServerTrust(List<X509ExtendedTrustManager> delegates, String host) {
    this.delegates = List.copyOf(delegates);
    this.host = host;
  }

  /**
   * A TLS context for one connection to {@code options}' server. A {@code trustStore} replaces the
   * JVM's trust store; {@code caCert} certificates are trusted beside it.
   */
  static SSLContext context(FtpOptions options, @Nullable String trustStorePassword) throws IOException {
    try {
      List<X509ExtendedTrustManager> delegates = new ArrayList<>();
      if (options.trustStore() != null) {
        delegates.add(trustManager(trustStore(options, trustStorePassword)));
      } else {
        delegates.add(trustManager(null)); // the JVM's trust store
        if (options.caCert() != null) {
          delegates.add(trustManager(caCertificates(options)));
        }
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new ServerTrust(delegates, options.host())}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException(options.target() + ": cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static X509ExtendedTrustManager trustManager(@Nullable KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return List.of(factory.getTrustManagers()).stream()
        .filter(X509ExtendedTrustManager.class::isInstance).map(X509ExtendedTrustManager.class::cast).findFirst()
        .orElseThrow(() -> new GeneralSecurityException("the JVM offers no X.509 trust manager"));
  }

  /** A TLS context that trusts any server: only for {@code insecureTrustAll=true}. */
  static SSLContext trustingAnyServer() throws IOException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustingAnyServer()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static KeyStore trustStore(FtpOptions options, @Nullable String password)
      throws IOException, GeneralSecurityException {
    try {
      return KeyStore.getInstance(options.trustStore().toFile(), password == null ? null : password.toCharArray());
    } catch (IOException e) {
      throw new IOException(options.target() + ": cannot read the trust store " + options.trustStore()
          + " (option trustStore; is the trustStorePassword secret right?)", e);
    }
  }

  private static KeyStore caCertificates(FtpOptions options) throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(options.caCert())) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException | CertificateException e) {
      throw new IOException(options.target() + ": cannot read the CA certificates in " + options.caCert()
          + " (option caCert must name a PEM file of one or more certificates)", e);
    }
    if (certificates.isEmpty()) {
      throw new IOException(options.target() + ": " + options.caCert() + " holds no certificate (option caCert)");
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    int i = 0;
    for (Certificate certificate : certificates) {
      store.setCertificateEntry("ca-" + i++, certificate);
    }
    return store;
  }

  @Override
  public synchronized void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkDates(chain[0]);
    if (controlCertificate != null) {
      if (!controlCertificate.equals(chain[0])) {
        throw new UntrustedServerException("the data connection to " + host
            + " presented another certificate than the control connection (" + chain[0].getSubjectX500Principal() + ")");
      }
      return;
    }
    try {
      check(chain, authType, null);
    } catch (CertificateException e) {
      throw new UntrustedServerException("the certificate of " + host + " (" + chain[0].getSubjectX500Principal()
          + ", issued by " + chain[0].getIssuerX500Principal() + ") is not trusted: give its CA certificate with the option caCert=/path/ca.pem (or trustStore)", e);
    }
    try {
      check(chain, authType, socket); // with the host name check set on the socket
    } catch (CertificateException e) {
      throw new UntrustedServerException("the certificate of " + host + " is not valid for the host name " + host
          + " (it names " + names(chain[0]) + "): connect with a name the certificate holds, or have it reissued", e);
    }
    controlCertificate = chain[0];
  }

  /** Passes when any delegate trusts the chain (with the host name check when a socket is given). */
  private void check(X509Certificate[] chain, String authType, @Nullable Socket socket) throws CertificateException {
    CertificateException refused = null;
    for (X509ExtendedTrustManager delegate : delegates) {
      try {
        if (socket == null) {
          delegate.checkServerTrusted(chain, authType);
        } else {
          delegate.checkServerTrusted(chain, authType, socket);
        }
        return;
      } catch (CertificateException e) {
        refused = e;
      }
    }
    throw refused;
  }

  private void checkDates(X509Certificate certificate) throws CertificateException {
    try {
      certificate.checkValidity();
    } catch (CertificateExpiredException e) {
      throw new UntrustedServerException("the certificate of " + host + " expired on " + certificate.getNotAfter().toInstant()
          + ": the server's administrator must renew it", e);
    } catch (CertificateNotYetValidException e) {
      throw new UntrustedServerException("the certificate of " + host + " is not valid before "
          + certificate.getNotBefore().toInstant() + ": check the clocks of both machines", e);
    }
  }

  private static String names(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      return names == null ? certificate.getSubjectX500Principal().getName()
          : names.stream().map(name -> String.valueOf(name.get(1))).toList().toString();
    } catch (CertificateException e) {
      return certificate.getSubjectX500Principal().getName();
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    throw new CertificateException("FTPS uses sockets, not SSL engines");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("the host name of " + host + " cannot be checked without its socket");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    throw new CertificateException("a client trusts servers only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    throw new CertificateException("a client trusts servers only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("a client trusts servers only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegates.stream().flatMap(d -> List.of(d.getAcceptedIssuers()).stream()).toArray(X509Certificate[]::new);
  }

  /** The server's certificate was refused; its message says why and what to do. */
  static final class UntrustedServerException extends CertificateException {
    private static final long serialVersionUID = 1L;

    UntrustedServerException(String message) {
      super(message);
    }

    UntrustedServerException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final class TrustingAnyServer implements javax.net.ssl.X509TrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      // insecureTrustAll=true: the host asked for no check, and the transport logged it at WARN.
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("a client trusts servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
