package io.exportkit.transport.ftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.filesystem.nativefs.NativeFileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemFactory;
import org.apache.ftpserver.ftplet.Authentication;
import org.apache.ftpserver.ftplet.AuthenticationFailedException;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.User;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.apache.ftpserver.usermanager.UsernamePasswordAuthentication;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginPermission;
import org.apache.ftpserver.usermanager.impl.TransferRatePermission;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.jspecify.annotations.Nullable;

/** Apache FtpServer on a free loopback port, serving {@code root} to one user; plain, explicit or implicit TLS. */
final class EmbeddedFtpServer implements AutoCloseable {
  static final String USER = "exporter";
  static final String PASSWORD = "Ftp-s3cret-9f2c";

  private final FtpServer server;
  private final Path root;
  private final int port;

  private EmbeddedFtpServer(FtpServer server, Path root, int port) {
    this.server = server;
    this.root = root;
    this.port = port;
  }

  static EmbeddedFtpServer plain(Path root) throws FtpException {
    return start(root, null, false, 0, 10);
  }

  /** TLS with the certificate in {@code keyStore}: explicit (AUTH TLS) or implicit. */
  static EmbeddedFtpServer tls(Path root, Path keyStore, boolean implicit) throws FtpException {
    return start(root, keyStore, implicit, 0, 10);
  }

  /** A server on {@code port} (0: any free one) that lets {@code maxLogins} users in at once. */
  static EmbeddedFtpServer start(Path root, @Nullable Path keyStore, boolean implicit, int port, int maxLogins)
      throws FtpException {
    return start(root, keyStore, implicit, port, maxLogins, new NativeFileSystemFactory(), new WritePermission());
  }

  /**
   * A server whose files are those of {@code files} (e.g. one that starts the user in a login
   * folder other than the root, or one that stops reading uploads), where the user may write as
   * {@code write} allows.
   */
  static EmbeddedFtpServer start(Path root, @Nullable Path keyStore, boolean implicit, int port, int maxLogins,
      FileSystemFactory files, WritePermission write) throws FtpException {
    ListenerFactory listener = new ListenerFactory();
    listener.setServerAddress("127.0.0.1");
    listener.setPort(port);
    DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
    data.setPassiveAddress("127.0.0.1");
    data.setActiveLocalAddress("127.0.0.1");
    if (keyStore != null) {
      SslConfigurationFactory ssl = new SslConfigurationFactory();
      ssl.setKeystoreFile(keyStore.toFile());
      ssl.setKeystoreType("PKCS12");
      ssl.setKeystorePassword(TestCertificates.PASSWORD);
      ssl.setSslProtocol("TLSv1.3", "TLSv1.2");
      listener.setSslConfiguration(ssl.createSslConfiguration());
      listener.setImplicitSsl(implicit);
    }
    listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());

    FtpServerFactory factory = new FtpServerFactory();
    ConnectionConfigFactory connections = new ConnectionConfigFactory();
    connections.setMaxLogins(maxLogins);
    factory.setConnectionConfig(connections.createConnectionConfig());
    factory.addListener("default", listener.createListener());
    factory.setFileSystem(files);
    BaseUser user = new BaseUser();
    user.setName(USER);
    user.setPassword(PASSWORD);
    user.setHomeDirectory(root.toString());
    // Kept as it is: a properties user manager would save a WritePermission under a folder as "no write at all".
    user.setAuthorities(List.of(write, new ConcurrentLoginPermission(0, 0), new TransferRatePermission(0, 0)));
    factory.setUserManager(new OneUser(user));
    FtpServer server = startInThreadGroupOfItsOwn(factory);
    return new EmbeddedFtpServer(server, root, factory.getListener("default").getPort());
  }

  /**
   * Creates and starts the server from a thread outside the test's thread group, so that the
   * server's threads (acceptor, I/O processors, a worker pool that grows and shrinks on its own
   * schedule) belong to a group of their own, and a count of the test's live threads
   * (TransportContractTest's release check) sees only the client's.
   */
  private static FtpServer startInThreadGroupOfItsOwn(FtpServerFactory factory) throws FtpException {
    ThreadGroup group = new ThreadGroup(Thread.currentThread().getThreadGroup().getParent(), "embedded-ftp-server");
    FutureTask<FtpServer> start = new FutureTask<>(() -> {
      FtpServer server = factory.createServer();
      server.start();
      return server;
    });
    new Thread(group, start, "embedded-ftp-server-start").start();
    try {
      return start.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof FtpException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** How many connections the server holds open right now (its own statistics). */
  int connections() {
    return ((DefaultFtpServer) server).getServerContext().getFtpStatistics().getCurrentConnectionNumber();
  }

  int port() {
    return port;
  }

  Path root() {
    return root;
  }

  /** The file {@code name} in {@code folder} under the root, read from disk. */
  Optional<byte[]> read(String folder, String name) throws IOException {
    Path file = root.resolve(folder).resolve(name);
    return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
  }

  @Override
  public void close() {
    server.stop();
  }

  /** The one user, with the password {@link #PASSWORD}. */
  private record OneUser(User user) implements UserManager {
    @Override
    public User getUserByName(String name) {
      return name.equals(USER) ? user : null;
    }

    @Override
    public String[] getAllUserNames() {
      return new String[] {USER};
    }

    @Override
    public void delete(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void save(User user) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean doesExist(String name) {
      return name.equals(USER);
    }

    @Override
    public User authenticate(Authentication authentication) throws AuthenticationFailedException {
      if (authentication instanceof UsernamePasswordAuthentication login && USER.equals(login.getUsername())
          && PASSWORD.equals(login.getPassword())) {
        return user;
      }
      throw new AuthenticationFailedException("Authentication failed");
    }

    @Override
    public String getAdminName() {
      return "admin";
    }

    @Override
    public boolean isAdmin(String name) {
      return false;
    }
  }
}
