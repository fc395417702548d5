package io.exportkit.benchmarks.transport;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import io.exportkit.transport.sftp.SftpTransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import net.schmizz.sshj.xfer.InMemorySourceFile;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
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
 * A 200 MiB upload over loopback to Apache MINA SSHD in this JVM: through {@code sftp://} (temporary
 * name, stat check, rename) against SSHJ's own {@code put}. Both log in with a password; both pay
 * for one connection per upload. The fork's heap is capped at 64 MiB; each iteration prints its
 * peak heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx64m")
public class SftpUploadBenchmark {
  private static final String USER = "bench";
  private static final String PASSWORD = "bench-password";

  private Path root;
  private SshServer server;
  private int run;

  @Setup(Level.Trial)
  public void startServer() throws Exception {
    root = Files.createTempDirectory("exportkit-sftp-bench");
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair hostKey = generator.generateKeyPair();
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
    server.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder().build()));
    server.setFileSystemFactory(new VirtualFileSystemFactory(root));
    server.start();
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
    server.stop(true);
    Files.deleteIfExists(root);
  }

  @Benchmark
  public long exportKitSftpTransport() throws IOException {
    // Host key checks cost the same in both; the bare client below accepts any key too.
    Destination destination = Destination.of("sftp://" + USER + "@127.0.0.1:" + server.getPort() + "/")
        .withOption("insecureAcceptAnyHostKey", "true").withSecret("password", SecretRef.of("bench"));
    try (Transport transport = new SftpTransportProvider().open(destination, ref -> Optional.of(PASSWORD));
        Upload upload = transport.upload("exportkit-" + run++ + ".bin")) {
      OutputStream out = upload.stream();
      Payload.writeTo(out);
      out.close();
      return upload.commit().size();
    }
  }

  @Benchmark
  public String bareSshjPut() throws IOException {
    try (SSHClient client = new SSHClient()) {
      client.addHostKeyVerifier(new PromiscuousVerifier());
      client.connect("127.0.0.1", server.getPort());
      client.authPassword(USER, PASSWORD);
      try (SFTPClient sftp = client.newSFTPClient()) {
        String name = "bare-" + run++ + ".bin";
        sftp.put(new InMemorySourceFile() {
          @Override
          public String getName() {
            return name;
          }

          @Override
          public long getLength() {
            return Payload.SIZE;
          }

          @Override
          public InputStream getInputStream() {
            return Payload.stream();
          }
        }, "/" + name);
        return name;
      }
    }
  }
}
