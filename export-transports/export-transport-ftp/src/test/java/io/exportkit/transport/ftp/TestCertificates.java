package io.exportkit.transport.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Self-signed server certificates made by the JDK's keytool for the test servers, once per JVM:
 * one valid for localhost and 127.0.0.1, one expired, one for another host name.
 */
final class TestCertificates {
  static final String PASSWORD = "store-pass";

  /** A key store holding one key pair and its certificate, and that certificate as PEM. */
  record ServerCertificate(Path keyStore, Path pem) {}

  private static TestCertificates instance;

  final ServerCertificate valid;
  final ServerCertificate expired;
  final ServerCertificate otherHost;

  private TestCertificates(Path dir) throws IOException, InterruptedException {
    valid = create(dir, "valid", "dns:localhost,ip:127.0.0.1", "-1d", 30);
    expired = create(dir, "expired", "dns:localhost,ip:127.0.0.1", "-10d", 2);
    otherHost = create(dir, "other", "dns:files.example.org", "-1d", 30);
  }

  static synchronized TestCertificates get() throws IOException, InterruptedException {
    if (instance == null) {
      Path dir = Files.createTempDirectory("exportkit-ftps-certs");
      dir.toFile().deleteOnExit();
      instance = new TestCertificates(dir);
    }
    return instance;
  }

  /** A PKCS#12 trust store holding only {@code pem}'s certificate, protected by {@code password}. */
  static Path trustStore(Path pem, Path file, String password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }

  private static ServerCertificate create(Path dir, String alias, String names, String start, int days)
      throws IOException, InterruptedException {
    Path store = dir.resolve(alias + ".p12");
    Path pem = dir.resolve(alias + ".pem");
    keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + alias,
        "-ext", "SAN=" + names, "-startdate", start, "-validity", String.valueOf(days), "-keystore", store.toString(),
        "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", store.toString(), "-storepass", PASSWORD,
        "-file", pem.toString());
    return new ServerCertificate(store, pem);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }
}
