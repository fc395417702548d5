package io.exportkit.format.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.exportkit.FormatSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

  enum Size { SMALL, MEDIUM, LARGE }

  record Parsed(boolean header, Size size, String title) {}

  private static Parsed read(Options options) {
    return new Parsed(options.bool("header", true), options.choice("size", Size.MEDIUM), options.text("title", "none"));
  }

  @Test
  void readsDefaultsWhenNothingIsSet() {
    Parsed parsed = Options.parse(FormatSpec.of("demo"), OptionsTest::read);

    assertThat(parsed).isEqualTo(new Parsed(true, Size.MEDIUM, "none"));
  }

  @Test
  void readsBooleansAndChoicesInAnyCase() {
    FormatSpec spec = FormatSpec.of("demo").withOption("header", "FALSE").withOption("size", "Large")
        .withOption("title", "T");

    Parsed parsed = Options.parse(spec, OptionsTest::read);

    assertThat(parsed).isEqualTo(new Parsed(false, Size.LARGE, "T"));
  }

  @Test
  void reportsEveryProblemNamingTheOptionAndWhatItAccepts() {
    FormatSpec spec = FormatSpec.of("demo").withOption("header", "yes").withOption("size", "huge")
        .withOption("colour", "red");

    List<String> problems = Options.problems(spec, OptionsTest::read);

    assertThat(problems).containsExactly(
        "option 'header' accepts true or false; got \"yes\"",
        "option 'size' accepts small, medium or large; got \"huge\"",
        "unknown option 'colour'; the demo format accepts header, size, title");
  }

  @Test
  void saysWhereFormulaNeutralisationAppliesWhenAFormatDoesNotReadIt() {
    List<String> problems = Options.problems(FormatSpec.of("demo").withOption(FormatSpec.NEUTRALISE_FORMULAS, "true"),
        OptionsTest::read);

    assertThat(problems).containsExactly("option 'neutraliseFormulas' applies to the csv and txt formats only: the demo"
        + " format writes text as it is");
  }

  @Test
  void parseThrowsEveryProblemAtOnce() {
    FormatSpec spec = FormatSpec.of("demo").withOption("header", "yes").withOption("size", "huge");

    assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(spec, OptionsTest::read))
        .withMessage("invalid demo options: option 'header' accepts true or false; got \"yes\"; option 'size' accepts"
            + " small, medium or large; got \"huge\"");
  }
}
