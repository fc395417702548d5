package io.exportkit.format.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormulasTest {

  @ParameterizedTest
  @ValueSource(strings = {"=", "=1+1", "+1", "-1", "@A1", "\t=1", "\r=1", "'=1", "'+33 6", "''-1", "'\t"})
  void prefixesTextStartingWithAFormulaCharacter(String text) {
    String neutralised = Formulas.neutralise(text);

    assertThat(neutralised).isEqualTo("'" + text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "'", "''", "'a", "' =1", " =1", "\n=1", "1-1", "#", "%"})
  void leavesOtherTextUnchanged(String text) {
    String neutralised = Formulas.neutralise(text);

    assertThat(neutralised).isSameAs(text);
  }
}
