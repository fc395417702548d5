package io.exportkit.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.FormatSpec;
import io.exportkit.spi.FormatWriterProvider;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class FormatProvidersTest {

  @Test
  void serviceLoaderFindsTheFourFormatsEachWithValidDefaults() {
    List<FormatWriterProvider> providers = ServiceLoader.load(FormatWriterProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .toList();

    assertThat(providers).extracting(FormatWriterProvider::id).containsExactlyInAnyOrder("csv", "json", "txt", "xml");
    assertThat(providers).allSatisfy(p -> assertThat(p.validate(FormatSpec.of(p.id()))).isEmpty());
  }
}
