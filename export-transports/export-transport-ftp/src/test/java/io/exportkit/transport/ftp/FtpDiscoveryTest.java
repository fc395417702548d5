package io.exportkit.transport.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.spi.TransportProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class FtpDiscoveryTest {

  @Test
  void bothSchemesAreFoundThroughServiceLoader() {
    var ids = ServiceLoader.load(TransportProvider.class).stream().map(provider -> provider.get().id()).toList();

    assertThat(ids).contains("ftp", "ftps");
  }
}
