package io.exportkit.testing;

import io.exportkit.Destination;
import io.exportkit.spi.TransportProvider;
import java.util.Optional;

class InMemoryTransportContractTest extends TransportContractTest {
  private final InMemoryTransport transport = new InMemoryTransport();

  @Override
  protected TransportProvider provider() {
    return transport;
  }

  @Override
  protected Destination destination() {
    return Destination.of("memory:contract");
  }

  @Override
  protected Optional<byte[]> read(String fileName) {
    return Optional.ofNullable(transport.files().get("contract/" + fileName));
  }
}
