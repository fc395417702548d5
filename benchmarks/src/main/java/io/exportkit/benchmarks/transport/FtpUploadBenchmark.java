package io.exportkit.benchmarks.transport;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import io.exportkit.transport.ftp.FtpTransportProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 200 MiB upload over loopback to Apache FtpServer in this JVM: through {@code ftp://} (temporary
 * name, SIZE check, rename) against Commons Net's own {@code storeFile} with a 64 KiB buffer. The
 * fork's heap is capped at 64 MiB, so a transport that held the file would fail; each iteration
 * prints its peak heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx64m")
public class FtpUploadBenchmark {
  private static final String USER = "bench";
  private static final String PASSWORD = "bench-password";

  private Path root;
  private FtpServer server;
  private int port;
  private int run;

  @Setup(Level.Trial)
  public void startServer() throws Exception {
    root = Files.createTempDirectory("exportkit-ftp-bench");
    ListenerFactory listener = new ListenerFactory();
    listener.setServerAddress("127.0.0.1");
    listener.setPort(0);
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
    server = factory.createServer();
    server.start();
    port = factory.getListener("default").getPort();
  }

  @Setup(Level.Iteration)
  public void resetPeakHeap() {
    Payload.resetPeakHeap();
  }

  @TearDown(Level.Iteration)
  public void cleanUp() throws IOException {
    Payload.endIteration(root);
  }

  @TearDown(Level.Trial)
  public void stopServer() throws IOException {
    server.stop();
    Files.deleteIfExists(root);
  }

  @Benchmark
  public long exportKitFtpTransport() throws IOException {
    Destination destination = Destination.of("ftp://" + USER + "@127.0.0.1:" + port + "/")
        .withSecret("password", SecretRef.of("bench"));
    try (Transport transport = new FtpTransportProvider().open(destination, ref -> Optional.of(PASSWORD));
        Upload upload = transport.upload("exportkit-" + run++ + ".bin")) {
      OutputStream out = upload.stream();
      Payload.writeTo(out);
      out.close();
      return upload.commit().size();
    }
  }

  @Benchmark
  public boolean bareCommonsNetStoreFile() throws IOException {
    FTPClient client = new FTPClient();
    client.setBufferSize(Payload.WRITE);
    client.connect("127.0.0.1", port);
    try {
      client.login(USER, PASSWORD);
      client.setFileType(FTP.BINARY_FILE_TYPE);
      client.enterLocalPassiveMode();
      return client.storeFile("bare-" + run++ + ".bin", Payload.stream());
    } finally {
      client.logout();
      client.disconnect();
    }
  }
}
