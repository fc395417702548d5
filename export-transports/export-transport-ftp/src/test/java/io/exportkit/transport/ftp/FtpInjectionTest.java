package io.exportkit.transport.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.exportkit.Destination;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportType;
import io.exportkit.InvalidDefinitionException;
import io.exportkit.SecretRef;
import io.exportkit.Violation;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import io.exportkit.testing.InMemorySecretResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An encoded CR, LF or NUL in a destination or a file name must never reach the control
 * connection, where it would end the command and start another one ({@code DELE victim.csv}).
 */
class FtpInjectionTest {
  private static final InMemorySecretResolver SECRETS = InMemorySecretResolver.of()
      .with("vault:ftp", EmbeddedFtpServer.PASSWORD);

  @TempDir
  Path root;

  @BeforeEach
  void victim() throws IOException {
    Files.writeString(root.resolve("victim.csv"), "keep me");
  }

  @Test
  void anExportWhosePathInjectsACommandIsRefusedAtBuild() throws Exception {
    try (EmbeddedFtpServer server = EmbeddedFtpServer.plain(root)) {
      ExportDefinition.Builder builder = ExportDefinition.builder().name("weekly").type(ExportType.RAPID)
          .operation("summer-quiz").destination(destination(server.port(), "exporter", "x%0D%0ADELE%20victim.csv"));

      InvalidDefinitionException refused = catchThrowableOfType(InvalidDefinitionException.class, builder::build);

      assertThat(refused.violations()).extracting(Violation::field).contains("destination.uri");
      assertThat(root.resolve("victim.csv")).hasContent("keep me");
    }
  }

  @Test
  void theProviderNeverSendsACommandArgumentHoldingCrLfOrNul() throws Exception {
    try (EmbeddedFtpServer server = EmbeddedFtpServer.plain(root)) {
      for (Destination destination : Stream.of(
          destination(server.port(), "exporter", "x%0D%0ADELE%20victim.csv"),
          destination(server.port(), "exporter", "out%00box"),
          destination(server.port(), "exporter%0D%0ADELE%20victim.csv", "outbox")).toList()) {

        Throwable failure = catchThrowable(() -> new FtpTransportProvider().open(destination, SECRETS).close());

        assertThat(failure).as(destination.uri().toString()).isInstanceOf(IOException.class)
            .hasMessageContaining("holds a control character");
      }
      assertThat(root.resolve("victim.csv")).hasContent("keep me");
      try (Stream<Path> files = Files.list(root)) {
        assertThat(files.map(file -> file.getFileName().toString())).containsExactly("victim.csv");
      }
    }
  }

  @Test
  void aFileNameHoldingCrLfIsRefusedBeforeItIsSent() throws Exception {
    try (EmbeddedFtpServer server = EmbeddedFtpServer.plain(root);
        Transport transport = new FtpTransportProvider().open(destination(server.port(), "exporter", ""), SECRETS)) {

      Throwable failure = catchThrowable(() -> transport.upload("x\r\nDELE victim.csv").close());

      assertThat(failure).isInstanceOf(IOException.class)
          .hasMessageContaining("STOR").hasMessageContaining("holds a control character").hasMessageContaining("\\r\\n");
      try (Upload upload = transport.upload("after.csv")) { // the connection is still usable
        upload.stream().close();
        upload.commit();
      }
    }
    assertThat(root.resolve("victim.csv")).hasContent("keep me");
    assertThat(root.resolve("after.csv")).exists();
  }

  private static Destination destination(int port, String user, String path) {
    return Destination.of("ftp://" + user + "@127.0.0.1:" + port + "/" + path)
        .withSecret("password", SecretRef.of("vault:ftp"));
  }
}
