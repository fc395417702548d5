package io.exportkit.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.jspecify.annotations.Nullable;

/** Apache FtpServer on a free loopback port, serving {@code root} to one user; plain FTP or explicit TLS. */
final class EmbeddedFtpServer implements AutoCloseable {
  static final String USER = "exporter";
  static final String PASSWORD = "Ftp-s3cret-9f2c";
  private static final String STORE_PASSWORD = "store-pass";

  /** A self-signed server certificate: in a PKCS#12 key store for the server, and as PEM for the client. */
  record Certificate(Path keyStore, Path pem) {
  }

  private final FtpServer server;
  private final int port;

  private EmbeddedFtpServer(FtpServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** A plain FTP server, or with {@code certificate} one that offers explicit TLS (AUTH TLS). */
  static EmbeddedFtpServer start(Path root, @Nullable Certificate certificate) throws FtpException {
    ListenerFactory listener = new ListenerFactory();
    listener.setServerAddress("127.0.0.1");
    listener.setPort(0);
    DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
    data.setPassiveAddress("127.0.0.1");
    listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
    if (certificate != null) {
      SslConfigurationFactory ssl = new SslConfigurationFactory();
      ssl.setKeystoreFile(certificate.keyStore().toFile());
      ssl.setKeystoreType("PKCS12");
      ssl.setKeystorePassword(STORE_PASSWORD);
      listener.setSslConfiguration(ssl.createSslConfiguration());
    }
    FtpServerFactory factory = new FtpServerFactory();
    factory.addListener("default", listener.createListener());
    UserManager users = new PropertiesUserManagerFactory().createUserManager();
    BaseUser user = new BaseUser();
    user.setName(USER);
    user.setPassword(PASSWORD);
    user.setHomeDirectory(root.toString());
    user.setAuthorities(List.of(new WritePermission()));
    users.save(user);
    factory.setUserManager(users);
    FtpServer server = factory.createServer();
    server.start();
    return new EmbeddedFtpServer(server, factory.getListener("default").getPort());
  }

  /** {@code SCHEME://exporter@127.0.0.1:PORT/folder}. */
  String uri(String scheme, String folder) {
    return scheme + "://" + USER + "@127.0.0.1:" + port + "/" + folder;
  }

  @Override
  public void close() {
    server.stop();
  }

  /** A certificate for 127.0.0.1 made by the JDK's keytool in {@code dir}. */
  static Certificate certificate(Path dir) throws IOException, InterruptedException {
    Path keyStore = dir.resolve("server.p12");
    Path pem = dir.resolve("server.pem");
    keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "30", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
        "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD,
        "-file", pem.toString());
    return new Certificate(keyStore, pem);
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
