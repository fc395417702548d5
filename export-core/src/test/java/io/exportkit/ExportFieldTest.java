package io.exportkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExportFieldTest {

  @Test
  void ofHasNoLabelPatternOrWidth() {
    ExportField field = ExportField.of("email");

    assertThat(field).isEqualTo(new ExportField("email", null, null, null));
  }

  @Test
  void eachWithKeepsWhatTheOthersSet() {
    ExportField field = ExportField.of("score").withWidth(8).withLabel("Score").withPattern("#,##0");

    assertThat(field).isEqualTo(new ExportField("score", "Score", "#,##0", 8));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void aWidthBelowOneIsRejected(int width) {
    assertThatIllegalArgumentException().isThrownBy(() -> ExportField.of("email").withWidth(width))
        .withMessage("width must be at least 1: " + width);
  }
}
