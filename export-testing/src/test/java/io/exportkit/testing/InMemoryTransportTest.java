package io.exportkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.BYTE_ARRAY;

import io.exportkit.Destination;
import io.exportkit.SecretResolver;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import io.exportkit.testing.InMemoryTransport.Delivery;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InMemoryTransportTest {
  private final InMemoryTransport transport = new InMemoryTransport();

  @Test
  void failingAfterThrowsFromTheStreamOnceTheLimitIsPassed() throws IOException {
    transport.failingAfter(4);

    try (Transport open = open(Destination.of("memory:out")); Upload upload = open.upload("a.txt")) {
      upload.stream().write(bytes("1234"));

      assertThatThrownBy(() -> upload.stream().write('5')).isInstanceOf(IOException.class).hasMessageContaining("after 4 bytes");
    }
    assertThat(transport.files()).isEmpty();
  }

  @Test
  void failingOnCommitMakesNothingVisible() throws IOException {
    transport.failingOnCommit();

    try (Transport open = open(Destination.of("memory:out")); Upload upload = open.upload("a.txt")) {
      upload.stream().write(bytes("data"));
      upload.stream().close();

      assertThatThrownBy(upload::commit).isInstanceOf(IOException.class).hasMessageContaining("fail on commit");
    }
    assertThat(transport.files()).isEmpty();
    assertThat(transport.deliveries()).isEmpty();
  }

  @Test
  void pendingCountsUploadsNeitherCommittedNorAborted() throws IOException {
    Transport open = open(Destination.of("memory:out"));
    Upload committed = open.upload("committed.txt");
    Upload aborted = open.upload("aborted.txt");
    open.upload("forgotten.txt");

    committed.commit();
    aborted.abort();

    assertThat(transport.pending()).isEqualTo(1);
  }

  @Test
  void deliveriesKeepEveryCommitWhileFilesHoldWhatIsVisible() throws IOException {
    deliver(Destination.of("memory:out"), "a.txt", "first");

    deliver(Destination.of("memory:out").withOverwrite(true), "a.txt", "second");

    assertThat(transport.deliveries()).extracting(Delivery::text).containsExactly("first", "second");
    assertThat(transport.deliveries()).extracting(Delivery::location).containsOnly(URI.create("memory:out/a.txt"));
    assertThat(transport.files()).containsOnlyKeys("out/a.txt").extractingByKey("out/a.txt", BYTE_ARRAY).isEqualTo(bytes("second"));
  }

  @Test
  void destinationsAreFoldersOfMemory() {
    assertThat(transport.validate(Destination.of("memory:out"), SecretResolver.NONE)).isEmpty();
    assertThat(transport.validate(Destination.of("memory://host/out"), SecretResolver.NONE)).singleElement().asString().contains("memory:NAME");
  }

  private Transport open(Destination destination) {
    return transport.open(destination, SecretResolver.NONE);
  }

  private void deliver(Destination destination, String name, String text) throws IOException {
    try (Transport open = open(destination); Upload upload = open.upload(name)) {
      upload.stream().write(bytes(text));
      upload.commit();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
