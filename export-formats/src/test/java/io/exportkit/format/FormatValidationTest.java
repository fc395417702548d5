package io.exportkit.format;

import static io.exportkit.FieldScope.PARTICIPANT;
import static io.exportkit.FieldScope.PARTICIPATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.exportkit.Destination;
import io.exportkit.Entitlements;
import io.exportkit.Export;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportField;
import io.exportkit.ExportRun;
import io.exportkit.ExportService;
import io.exportkit.ExportType;
import io.exportkit.FieldDefinition;
import io.exportkit.FieldType;
import io.exportkit.FormatSpec;
import io.exportkit.GameKind;
import io.exportkit.InvalidDefinitionException;
import io.exportkit.Operation;
import io.exportkit.Violation;
import io.exportkit.testing.InMemoryOperationDirectory;
import io.exportkit.testing.InMemoryParticipantSource;
import io.exportkit.testing.InMemoryTransport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The formats check their options against the export's columns when the export is created,
 * updated or published, through {@link ExportService}, so that a bad pattern or a fixed-width
 * layout that does not fit is refused then, not when a run opens the file.
 */
class FormatValidationTest {

  private static final Operation QUIZ = new Operation("quiz", "Spring quiz", GameKind.QUIZ,
      Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-06-30T22:00:00Z"), List.of(
          new FieldDefinition("id", "Id", FieldType.STRING, PARTICIPANT),
          new FieldDefinition("email", "E-mail", FieldType.STRING, PARTICIPANT),
          new FieldDefinition("born", "Born", FieldType.DATE, PARTICIPANT),
          new FieldDefinition("score", "Score", FieldType.INTEGER, PARTICIPATION)));

  private static final FormatSpec FIXED = FormatSpec.of("txt").withOption("layout", "fixed");

  private final InMemoryTransport transport = new InMemoryTransport();
  private final ExportService exports = ExportService.builder()
      .participantSource(InMemoryParticipantSource.builder()
          .operation(QUIZ.id())
          .participation(Map.of("id", "p1", "email", "ann@example.org", "born", LocalDate.of(2000, 2, 29),
              "score", 7L, "participated_at", Instant.parse("2026-05-02T09:00:00Z")))
          .build())
      .operationDirectory(InMemoryOperationDirectory.of(QUIZ))
      .entitlements(Entitlements.ALL)
      .transport(transport)
      .discoverProviders()
      .build();

  @ParameterizedTest
  @ValueSource(strings = {"csv", "json", "xml", "txt"})
  void aCustomExportWithBadPatternsIsRefusedAtCreateNamingEachColumn(String format) {
    ExportDefinition definition = custom(FormatSpec.of(format),
        ExportField.of("email").withPattern("#,##0"),
        ExportField.of("born").withPattern("dd/MM/yyyy HH:mm"),
        ExportField.of("score").withPattern("0.0.0")).build();

    Throwable thrown = catchThrowable(() -> exports.create(definition));

    assertThat(thrown).isInstanceOfSatisfying(InvalidDefinitionException.class, e ->
        assertThat(e.violations()).allSatisfy(v -> assertThat(v.field()).isEqualTo("format"))
            .extracting(Violation::message).satisfiesExactly(
                m -> assertThat(m).startsWith("column 'email' (STRING) has the pattern \"#,##0\", but only DATE,"),
                m -> assertThat(m).startsWith("column 'born' (DATE) has an invalid pattern \"dd/MM/yyyy HH:mm\""),
                m -> assertThat(m).startsWith("column 'score' (INTEGER) has an invalid pattern \"0.0.0\"")));
  }

  @Test
  void aFixedWidthTxtExportWithAWrongCountOfWidthsIsRefusedAtCreate() {
    ExportDefinition definition = rapid(FIXED.withOption("widths", "10,20")).build();

    Throwable thrown = catchThrowable(() -> exports.create(definition));

    assertThat(thrown).isInstanceOfSatisfying(InvalidDefinitionException.class, e ->
        assertThat(e.violations()).containsExactly(new Violation("format",
            "option 'widths' gives 2 widths for 4 columns [id, email, born, score]; give one width per column")));
  }

  @Test
  void aFixedWidthTxtExportIsRefusedAtCreateNamingTheFieldsWithoutAWidth() {
    ExportDefinition definition = custom(FIXED, ExportField.of("id").withWidth(4), ExportField.of("email"),
        ExportField.of("born")).build();

    Throwable thrown = catchThrowable(() -> exports.create(definition));

    assertThat(thrown).isInstanceOfSatisfying(InvalidDefinitionException.class, e ->
        assertThat(e.violations()).singleElement().satisfies(v -> {
          assertThat(v.field()).isEqualTo("format");
          assertThat(v.message()).startsWith("layout=fixed needs the option 'widths' or a width on every column,"
              + " and [email, born] have none").contains("ExportField.withWidth");
        }));
  }

  @Test
  void anUpdateThatNoLongerFitsTheColumnsIsRefused() {
    Export draft = exports.create(custom(FIXED, ExportField.of("id").withWidth(4)).build());
    ExportDefinition moreFields = draft.definition().toBuilder()
        .fields(ExportField.of("id").withWidth(4), ExportField.of("email")).build();

    Throwable thrown = catchThrowable(() -> exports.update(draft.id(), draft.version(), moreFields));

    assertThat(thrown).isInstanceOfSatisfying(InvalidDefinitionException.class, e ->
        assertThat(e.violations()).extracting(Violation::field).containsExactly("format"));
    assertThat(exports.get(draft.id())).isEqualTo(draft);
  }

  @Test
  void aCustomDraftWithoutFieldsHasItsOptionsCheckedAloneUntilItHasColumns() {
    Export draft = exports.create(custom(FIXED).build());

    Throwable thrown = catchThrowable(() -> exports.publish(draft.id()));

    assertThat(thrown).isInstanceOfSatisfying(InvalidDefinitionException.class, e ->
        assertThat(e.violations()).extracting(Violation::field).containsExactly("fields"));
  }

  @Test
  void fixedWidthsComeFromTheFieldsOfACustomExport() {
    Export draft = exports.create(custom(FIXED.withOption("lineEnding", "lf"),
        ExportField.of("id").withWidth(4), ExportField.of("email").withLabel("Mail").withWidth(18),
        ExportField.of("score").withWidth(6)).build());

    ExportRun run = exports.publish(draft.id()).lastRun();

    assertThat(run.succeeded()).as("%s", run.error()).isTrue();
    assertThat(transport.deliveries()).singleElement().extracting(InMemoryTransport.Delivery::text).isEqualTo(""
        + "Id  Mail               Score\n"
        + "p1  ann@example.org        7\n");
  }

  private static ExportDefinition.Builder rapid(FormatSpec format) {
    return ExportDefinition.builder()
        .name("quiz-export")
        .type(ExportType.RAPID)
        .operation(QUIZ.id())
        .format(format)
        .destination(Destination.of("memory:out"));
  }

  private static ExportDefinition.Builder custom(FormatSpec format, ExportField... fields) {
    return rapid(format).type(ExportType.CUSTOM).fields(fields);
  }
}
