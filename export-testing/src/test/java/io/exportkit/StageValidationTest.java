package io.exportkit;

import static io.exportkit.ServiceFixture.rapid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.exportkit.spi.OutputStage;
import io.exportkit.spi.OutputStageProvider;
import io.exportkit.spi.StageContext;
import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Output stages check their configuration when an export is created, not when it first runs. */
class StageValidationTest {
  private final ServiceFixture fx = new ServiceFixture();
  private final ExportService exports = fx.builder()
      .outputStage(new CheckingStage("openpgp", "recipient key ABCD is expired; renew it or choose another"))
      .outputStage(new CheckingStage("gzip", "level 12 is not 1..9"))
      .build();

  @Test
  void anEncryptionProblemIsRefusedAtCreate() {
    ExportDefinition definition = rapid("weekly").encryption(Encryption.to("key")).build();

    InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
        () -> exports.create(definition));

    assertThat(e.violations()).containsExactly(
        new Violation("encryption", "recipient key ABCD is expired; renew it or choose another"));
  }

  @Test
  void aCompressionProblemIsRefusedAtCreate() {
    ExportDefinition definition = rapid("weekly").compression("gzip").build();

    InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
        () -> exports.create(definition));

    assertThat(e.violations()).containsExactly(new Violation("compression", "level 12 is not 1..9"));
  }

  /** A stage whose validation always reports one problem. */
  private record CheckingStage(String id, String problem) implements OutputStageProvider {
    @Override
    public List<String> validate(ExportDefinition definition, SecretResolver secrets) {
      return List.of(problem);
    }

    @Override
    public OutputStage create(StageContext context) {
      return new OutputStage() {
        @Override
        public String extension() {
          return id;
        }

        @Override
        public OutputStream wrap(OutputStream downstream) {
          return downstream;
        }
      };
    }
  }
}
