package io.exportkit.transport.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.spi.Delivered;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import io.exportkit.testing.CapturedStandardError;
import io.exportkit.testing.InMemorySecretResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.ftpserver.filesystem.nativefs.NativeFileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 1738 paths against a server whose user logs in to {@code /home/exporter}, not to the root,
 * and may write only there: {@code ftp://u@h/outbox} is {@code /home/exporter/outbox},
 * {@code ftp://u@h/%2Fsrv/exports} is {@code /srv/exports}; refusals name the absolute folder.
 */
class FtpPathTest {
  private static final InMemorySecretResolver SECRETS = InMemorySecretResolver.of()
      .with("vault:ftp", EmbeddedFtpServer.PASSWORD);

  @TempDir
  Path root;

  private EmbeddedFtpServer server;
  private final CapturedStandardError log = new CapturedStandardError();

  @BeforeEach
  void startServer() throws Exception {
    Files.createDirectories(root.resolve("home/exporter"));
    Files.createDirectories(root.resolve("srv/exports"));
    Files.writeString(root.resolve("home/exporter/notes.txt"), "a file, not a folder");
    FileSystemFactory native_ = new NativeFileSystemFactory();
    FileSystemFactory loginFolder = user -> {
      FileSystemView view = native_.createFileSystemView(user);
      view.changeWorkingDirectory("/home/exporter");
      return view;
    };
    server = EmbeddedFtpServer.start(root, null, false, 0, 10, loginFolder, new WritePermission("/home/exporter"));
  }

  @AfterEach
  void stopServer() {
    server.close();
    log.close();
  }

  @Test
  void aPathIsRelativeToTheLoginFolder() throws Exception {
    Delivered delivered = deliver("/outbox/daily", "relative.csv");

    assertThat(root.resolve("home/exporter/outbox/daily/relative.csv")).hasContent("relative.csv");
    assertThat(delivered.location()).hasToString("ftp://exporter@127.0.0.1:" + server.port() + "/outbox/daily/relative.csv");
  }

  @Test
  void anEmptyPathIsTheLoginFolder() throws Exception {
    deliver("", "home.csv");

    assertThat(root.resolve("home/exporter/home.csv")).hasContent("home.csv");
  }

  @Test
  void anEncodedSlashAtTheStartMakesThePathAbsolute() throws Exception {
    Delivered delivered = deliver("/%2Fhome/exporter/absolute", "absolute.csv");

    assertThat(root.resolve("home/exporter/absolute/absolute.csv")).hasContent("absolute.csv");
    assertThat(delivered.location()).hasToString("ftp://exporter@127.0.0.1:" + server.port()
        + "/%2Fhome/exporter/absolute/absolute.csv");
  }

  @Test
  void aFolderTheUserMayNotCreateIsNamedInFull() {
    Throwable failure = catchThrowable(() -> deliver("/%2Fsrv/reports", "refused.csv"));

    assertThat(failure).isInstanceOf(IOException.class)
        .hasMessageStartingWith("cannot create the folder /srv/reports (550 ")
        .hasMessageContaining("the user may not create it there")
        .hasMessageContaining("a path is relative to the login folder /home/exporter unless it starts with %2F")
        .hasMessageNotContaining("ftp://");
    assertThat(root.resolve("srv/reports")).doesNotExist();
  }

  @Test
  void aFolderTheUserMayNotWriteInIsNamedInFull() {
    Throwable failure = catchThrowable(() -> deliver("/%2Fsrv/exports", "read-only.csv"));

    assertThat(failure).isInstanceOf(IOException.class)
        .hasMessageStartingWith("the server refused to store a file in /srv/exports (550 ")
        .hasMessageContaining("check that the user may write in /srv/exports");
  }

  @Test
  void aPathThroughAFileSaysSo() {
    Throwable failure = catchThrowable(() -> deliver("/notes.txt/daily", "under-a-file.csv"));

    assertThat(failure).isInstanceOf(IOException.class)
        .hasMessage("/home/exporter/notes.txt is a file, not a folder: point the destination at a folder");
  }

  @Test
  void controlCharactersInAServerReplyAreEscapedInTheMessageAndTheLog() {
    Throwable failure = catchThrowable(() -> deliver("/%2Fsrv/%1B%5B2J", "escaped.csv"));

    assertThat(failure).isInstanceOf(IOException.class).hasMessageContaining("/srv/\\u001B[2J");
    assertThat(failure.getMessage()).doesNotContain("\u001B");
    assertThat(log.text()).doesNotContain("\u001B");
  }

  private Delivered deliver(String path, String name) throws IOException {
    Destination destination = Destination.of("ftp://exporter@127.0.0.1:" + server.port() + path)
        .withSecret("password", SecretRef.of("vault:ftp"));
    try (Transport transport = new FtpTransportProvider().open(destination, SECRETS); Upload upload = transport.upload(name)) {
      upload.stream().write(name.getBytes(StandardCharsets.UTF_8));
      upload.stream().close();
      return upload.commit();
    }
  }
}
