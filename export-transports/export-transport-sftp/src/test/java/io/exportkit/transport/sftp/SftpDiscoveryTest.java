package io.exportkit.transport.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.spi.TransportProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SftpDiscoveryTest {

  @Test
  void theSftpSchemeIsFoundThroughServiceLoader() {
    var ids = ServiceLoader.load(TransportProvider.class).stream().map(provider -> provider.get().id()).toList();

    assertThat(ids).contains("sftp");
  }
}
