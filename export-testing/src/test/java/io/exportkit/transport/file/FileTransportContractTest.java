package io.exportkit.transport.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.exportkit.Destination;
import io.exportkit.SecretResolver;
import io.exportkit.spi.Transport;
import io.exportkit.spi.TransportProvider;
import io.exportkit.spi.Upload;
import io.exportkit.testing.TransportContractTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTransportContractTest extends TransportContractTest {

  @TempDir
  Path folder;

  @Override
  protected TransportProvider provider() {
    return new FileTransportProvider();
  }

  @Override
  protected Destination destination() {
    return Destination.of(folder.toUri());
  }

  @Override
  protected Optional<byte[]> read(String fileName) throws Exception {
    Path file = folder.resolve(fileName);
    return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
  }

  @Test
  void abortedAndRefusedUploadsLeaveNoTemporaryFile() throws Exception {
    Files.writeString(folder.resolve("taken.csv"), "original");
    Transport transport = provider().open(destination(), SecretResolver.NONE);

    try (Upload aborted = transport.upload("aborted.csv"); Upload refused = transport.upload("taken.csv")) {
      aborted.stream().write("discard me".getBytes(StandardCharsets.UTF_8));
      aborted.stream().close();
      aborted.abort();
      refused.stream().write("replacement".getBytes(StandardCharsets.UTF_8));
      refused.stream().close();
      catchThrowable(refused::commit);
    }

    try (var files = Files.list(folder)) {
      assertThat(files).map(path -> path.getFileName().toString()).containsExactly("taken.csv");
    }
  }
}
