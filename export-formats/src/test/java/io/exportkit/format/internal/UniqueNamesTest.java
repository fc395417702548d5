package io.exportkit.format.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UniqueNamesTest {

  @Test
  void keepsNamesThatDiffer() {
    assertThat(UniqueNames.of(List.of("Id", "id", "Name"))).containsExactly("Id", "id", "Name");
  }

  @Test
  void suffixesARepeatedNameWithTheFirstFreeNumberFromTwo() {
    assertThat(UniqueNames.of(List.of("Name", "Name", "Name"))).containsExactly("Name", "Name_2", "Name_3");
  }

  @Test
  void skipsASuffixAnEarlierNameTook() {
    assertThat(UniqueNames.of(List.of("Name_2", "Name", "Name"))).containsExactly("Name_2", "Name", "Name_3");
  }

  @Test
  void suffixesANameThatAnEarlierSuffixTook() {
    assertThat(UniqueNames.of(List.of("A", "A", "A_2"))).containsExactly("A", "A_2", "A_2_2");
  }
}
