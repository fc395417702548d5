package io.exportkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exportkit.GameKind;
import io.exportkit.Operation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryOperationDirectoryTest {
  private static final Operation SUMMER = operation("summer", "2026-08-31T22:00:00Z");
  private static final Operation QUIZ = operation("quiz", "2026-06-30T22:00:00Z");

  @Test
  void putReplacesAnOperationInItsPlace() {
    InMemoryOperationDirectory directory = InMemoryOperationDirectory.of(SUMMER, QUIZ);
    Operation extended = operation("summer", "2026-09-30T22:00:00Z");

    directory.put(extended);

    assertThat(directory.find("summer")).contains(extended);
    assertThat(directory.list()).containsExactly(extended, QUIZ);
  }

  @Test
  void twoOperationsWithOneIdAreRefused() {
    assertThatThrownBy(() -> InMemoryOperationDirectory.of(SUMMER, SUMMER))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'summer'");
  }

  private static Operation operation(String id, String end) {
    return new Operation(id, id, GameKind.OTHER, Instant.parse("2026-05-01T00:00:00Z"), Instant.parse(end), List.of());
  }
}
