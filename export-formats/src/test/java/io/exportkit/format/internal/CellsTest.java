package io.exportkit.format.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exportkit.FieldType;
import io.exportkit.FormatException;
import io.exportkit.ParticipantRecord;
import io.exportkit.spi.Column;
import io.exportkit.spi.Schema;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellsTest {

  private static final Schema SCHEMA = new Schema(List.of(
      new Column("note", "Note", FieldType.STRING, null),
      new Column("score", "Score", FieldType.INTEGER, null),
      new Column("day", "Day", FieldType.DATE, "dd/MM/yyyy")), ZoneOffset.UTC);

  @Test
  void formatsEachValueAndKeepsNulls() {
    String[] cells = Cells.of(SCHEMA, false).format(ParticipantRecord.of("=1+1", -3L, LocalDate.of(2026, 5, 1)));

    assertThat(cells).containsExactly("=1+1", "-3", "01/05/2026");
    assertThat(Cells.of(SCHEMA, false).format(ParticipantRecord.of(null, null, null))).containsOnlyNulls();
  }

  @Test
  void neutralisesFormulasInTextColumnsOnlyWhenAsked() {
    String[] cells = Cells.of(SCHEMA, true).format(ParticipantRecord.of("=1+1", -3L, null));

    assertThat(cells).containsExactly("'=1+1", "-3", null);
  }

  @Test
  void rejectsARecordOfAnotherWidth() {
    Cells cells = Cells.of(SCHEMA, true);

    assertThatIllegalArgumentException().isThrownBy(() -> cells.format(ParticipantRecord.of("a")))
        .withMessage("the record has 1 values for 3 columns");
  }

  @Test
  void countsTheRecordsFormattedButNotOneThatFailed() {
    Cells cells = Cells.of(SCHEMA, false);
    cells.format(ParticipantRecord.of("a", 1L, null));
    cells.format(ParticipantRecord.of("b", 2L, null));

    assertThatThrownBy(() -> cells.format(ParticipantRecord.of("c", "three", null))).isInstanceOf(FormatException.class);

    assertThat(cells.records()).isEqualTo(2);
  }

  @Test
  void takesNoRecordAfterFinishAndSaysWhichFinishCameFirst() {
    Cells cells = Cells.of(SCHEMA, false);

    boolean first = cells.finish();
    boolean second = cells.finish();

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThatIllegalStateException().isThrownBy(() -> cells.format(ParticipantRecord.of("a", 1L, null)))
        .withMessage("write() after finish()");
  }
}
