package io.exportkit.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exportkit.FieldType;
import io.exportkit.FormatException;
import io.exportkit.ParticipantRecord;
import io.exportkit.spi.Column;
import io.exportkit.spi.FormatWriter;
import io.exportkit.spi.Schema;
import io.exportkit.testing.FormatWriterContractTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract kit, plus the rules that this module's writers keep on what cannot be written: a
 * bad column pattern is reported by {@code validate} and fails {@code open} before anything is
 * written; a record fails before any of it is
 * written, and the file goes on.
 */
public abstract class WriterRulesContractTest extends FormatWriterContractTest {

  @Nested
  @DisplayName("writing rules")
  class WritingRules {

    @Test
    void valueOfTheWrongTypeFailsNamingTheColumnButNotTheValueAndLeavesNoHalfRecord() throws Exception {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      FormatWriter writer = provider().open(out, SCHEMA, format());
      writer.write(ParticipantRecord.of(1L, "Ann", "Paris"));

      assertThatThrownBy(() -> writer.write(ParticipantRecord.of("two", "Bob", "Lyon")))
          .isInstanceOf(FormatException.class)
          .hasMessage("column 'id' (INTEGER) cannot hold this java.lang.String: it takes a whole Number");
      writer.write(ParticipantRecord.of(3L, "Cy", "Nice"));
      writer.finish();

      assertThat(parse(out.toByteArray(), SCHEMA)).containsExactly(List.of("Id", "Name", "City"),
          List.of("1", "Ann", "Paris"), List.of("3", "Cy", "Nice"));
    }

    @Test
    void openRejectsAnInvalidPatternNamingTheColumnBeforeWritingAnything() {
      Schema schema = new Schema(List.of(SCHEMA.columns().get(0), SCHEMA.columns().get(1),
          new Column("born", "Born", FieldType.DATE, "HH:mm")), ZoneOffset.UTC);
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      assertThatIllegalArgumentException().isThrownBy(() -> provider().open(out, schema, format()))
          .withMessageStartingWith("column 'born' (DATE) has an invalid pattern \"HH:mm\"");
      assertThat(out.size()).isZero();
    }

    @Test
    void validateReportsEachColumnWhosePatternOpenWouldRejectNamingIt() {
      Schema schema = new Schema(List.of(
          new Column("id", "Id", FieldType.INTEGER, "0.0.0"),
          new Column("name", "Name", FieldType.STRING, "#,##0"),
          new Column("born", "Born", FieldType.DATE, "HH:mm")), ZoneOffset.UTC);

      List<String> problems = provider().validate(format(), schema);

      assertThat(problems).satisfiesExactly(
          p -> assertThat(p).startsWith("column 'id' (INTEGER) has an invalid pattern \"0.0.0\": "),
          p -> assertThat(p).isEqualTo("column 'name' (STRING) has the pattern \"#,##0\", but only DATE, DATE_TIME,"
              + " INTEGER and DECIMAL columns take one"),
          p -> assertThat(p).startsWith("column 'born' (DATE) has an invalid pattern \"HH:mm\": "));
    }

    @Test
    void recordOfAnotherWidthIsRejected() throws IOException {
      FormatWriter writer = provider().open(new ByteArrayOutputStream(), SCHEMA, format());

      assertThatIllegalArgumentException().isThrownBy(() -> writer.write(ParticipantRecord.of(1L, "Ann")))
          .withMessage("the record has 2 values for 3 columns");
    }

    @Test
    void writeAfterFinishIsRejected() throws IOException {
      FormatWriter writer = provider().open(new ByteArrayOutputStream(), SCHEMA, format());
      writer.finish();

      assertThatIllegalStateException().isThrownBy(() -> writer.write(ParticipantRecord.of(1L, "Ann", "Paris")))
          .withMessage("write() after finish()");
    }
  }
}
