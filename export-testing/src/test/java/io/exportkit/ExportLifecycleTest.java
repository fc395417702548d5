package io.exportkit;

import static io.exportkit.ServiceFixture.PLANNED_AT;
import static io.exportkit.ServiceFixture.QUIZ;
import static io.exportkit.ServiceFixture.custom;
import static io.exportkit.ServiceFixture.planned;
import static io.exportkit.ServiceFixture.rapid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.exportkit.event.ExportListener;
import io.exportkit.event.ExportStartedEvent;
import io.exportkit.spi.Column;
import io.exportkit.spi.FormatWriter;
import io.exportkit.spi.FormatWriterProvider;
import io.exportkit.spi.Schema;
import io.exportkit.testing.LinesFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every transition of the lifecycle through {@link ExportService}, allowed and forbidden. An export
 * is In progress only while it runs, so actions on such an export are taken from inside its run,
 * when the run announces that it started.
 */
class ExportLifecycleTest {

  /** The actions each status allows, as refusals must name them. */
  private static final Map<ExportStatus, String> ALLOWED = Map.of(
      ExportStatus.DRAFT, "[UPDATE, PUBLISH, DELETE, DUPLICATE, FAVORITE]",
      ExportStatus.SCHEDULED, "[DISABLE, RUN, DUPLICATE, FAVORITE]",
      ExportStatus.IN_PROGRESS, "[DUPLICATE, FAVORITE, END_RUN]",
      ExportStatus.CLOSED, "[DELETE, RUN, DUPLICATE, FAVORITE]");

  private final ServiceFixture fx = new ServiceFixture();
  private Consumer<String> whileRunning = exportId -> { };
  private final ExportService exports = fx.builder()
      .listener(new ExportListener() {
        @Override
        public void exportStarted(ExportStartedEvent event) {
          whileRunning.accept(event.exportId());
        }
      })
      .build();

  // Allowed transitions.

  @Test
  void createMakesADraftAtVersionOne() {
    ExportDefinition definition = rapid("weekly").build();

    Export draft = exports.create(definition);

    assertThat(draft.status()).isEqualTo(ExportStatus.DRAFT);
    assertThat(draft.version()).isEqualTo(1);
    assertThat(draft.definition()).isEqualTo(definition);
    assertThat(draft.createdAt()).isEqualTo(ServiceFixture.NOW);
    assertThat(draft.lastRun()).isNull();
    assertThat(exports.get(draft.id())).isEqualTo(draft);
  }

  @Test
  void updateReplacesTheDefinitionOfADraft() {
    Export draft = exports.create(rapid("weekly").build());
    ExportDefinition renamed = draft.definition().toBuilder().name("monthly").build();

    Export updated = exports.update(draft.id(), draft.version(), renamed);

    assertThat(updated.status()).isEqualTo(ExportStatus.DRAFT);
    assertThat(updated.version()).isEqualTo(2);
    assertThat(updated.definition()).isEqualTo(renamed);
    assertThat(exports.get(draft.id())).isEqualTo(updated);
  }

  @Test
  void publishingAnImmediateExportRunsItAndClosesIt() {
    Export draft = exports.create(rapid("weekly").build());

    Export closed = exports.publish(draft.id());

    assertThat(closed.status()).isEqualTo(ExportStatus.CLOSED);
    assertThat(closed.version()).as("In progress, then Closed").isEqualTo(3);
    assertThat(closed.nextFireAt()).isNull();
    assertThat(closed.lastRun()).isNotNull().extracting(ExportRun::outcome).isEqualTo(RunOutcome.SUCCEEDED);
    assertThat(exports.runs(draft.id())).containsExactly(closed.lastRun());
    assertThat(fx.transport.deliveries()).hasSize(1);
  }

  @Test
  void publishingAPlannedExportSchedulesIt() {
    Export draft = exports.create(rapid("weekly").trigger(planned()).build());

    Export scheduled = exports.publish(draft.id());

    assertThat(scheduled.status()).isEqualTo(ExportStatus.SCHEDULED);
    assertThat(scheduled.version()).isEqualTo(2);
    assertThat(scheduled.nextFireAt()).isEqualTo(PLANNED_AT);
    assertThat(scheduled.lastRun()).isNull();
    assertThat(fx.transport.deliveries()).isEmpty();
  }

  @Test
  void disablingAScheduledCustomExportMakesItADraftAgain() {
    Export scheduled = exports.publish(exports.create(custom("weekly").trigger(planned()).build()).id());

    Export draft = exports.disable(scheduled.id());

    assertThat(draft.status()).isEqualTo(ExportStatus.DRAFT);
    assertThat(draft.version()).isEqualTo(scheduled.version() + 1);
    assertThat(draft.nextFireAt()).isNull();
    assertThat(draft.definition()).isEqualTo(scheduled.definition());
  }

  @Test
  void deletingADraftRemovesIt() {
    Export draft = exports.create(rapid("weekly").build());

    exports.delete(draft.id());

    assertThat(exports.find(draft.id())).isEmpty();
    assertThat(catchThrowable(() -> exports.get(draft.id()))).isInstanceOf(ExportNotFoundException.class);
  }

  @Test
  void deletingAClosedExportRemovesItAndItsRuns() {
    Export closed = exports.publish(exports.create(rapid("weekly").build()).id());

    exports.delete(closed.id());

    assertThat(exports.find(closed.id())).isEmpty();
    assertThat(exports.runs(closed.id())).isEmpty();
    assertThat(fx.transport.files()).as("delivered files stay where they were delivered").hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(ExportStatus.class)
  void duplicateMakesANewDraftCopyInEveryStatus(ExportStatus status) {
    Outcome<Export> outcome = act(status, original -> exports.duplicate(original.id()));

    Export copy = outcome.returned();
    Export original = outcome.before();
    assertThat(copy.id()).isNotEqualTo(original.id());
    assertThat(copy.status()).isEqualTo(ExportStatus.DRAFT);
    assertThat(copy.version()).isEqualTo(1);
    assertThat(copy.name()).isEqualTo(original.name() + " (copy)");
    assertThat(copy.definition()).isEqualTo(original.definition().toBuilder().name(original.name() + " (copy)").build());
    assertThat(copy.favorite()).isFalse();
    assertThat(copy.lastRun()).isNull();
    assertThat(outcome.after()).as("the original").isEqualTo(original);
    assertThat(exports.get(copy.id())).isEqualTo(copy);
  }

  @Test
  void duplicatingANameAtTheLengthLimitKeepsTheCopyWithinIt() {
    String longest = "x".repeat(ExportDefinition.MAX_NAME_LENGTH);
    Export original = exports.create(rapid(longest).build());

    Export copy = exports.duplicate(original.id());

    assertThat(copy.name()).hasSize(ExportDefinition.MAX_NAME_LENGTH).endsWith(" (copy)");
  }

  @ParameterizedTest
  @EnumSource(ExportStatus.class)
  void favoriteCanBeSetAndClearedInEveryStatus(ExportStatus status) {
    Outcome<List<Export>> outcome = act(status, export -> List.of(
        exports.favorite(export.id(), true), exports.favorite(export.id(), true), exports.favorite(export.id(), false)));

    long before = outcome.before().version();
    assertThat(outcome.returned()).extracting(Export::favorite).containsExactly(true, true, false);
    assertThat(outcome.returned()).as("setting a favorite twice changes it once")
        .extracting(Export::version).containsExactly(before + 1, before + 1, before + 2);
    assertThat(outcome.returned()).extracting(Export::status).containsOnly(status);
  }

  @Test
  void aFavoriteSetDuringARunOutlivesTheRun() {
    Outcome<Export> outcome = act(ExportStatus.IN_PROGRESS, export -> exports.favorite(export.id(), true));

    Export closed = exports.get(outcome.before().id());

    assertThat(closed.status()).isEqualTo(ExportStatus.CLOSED);
    assertThat(closed.favorite()).isTrue();
  }

  @Test
  void aFavoriteSetWhileADraftIsEditedDoesNotFailTheSave() {
    Export read = exports.create(rapid("weekly").build());
    exports.favorite(read.id(), true);

    Export saved = exports.update(read.id(), read.version(), read.definition().toBuilder().name("monthly").build());

    assertThat(saved.name()).isEqualTo("monthly");
    assertThat(saved.favorite()).as("the favorite set meanwhile stays").isTrue();
    assertThat(saved.version()).isEqualTo(read.version() + 2);
    assertThat(exports.get(read.id())).isEqualTo(saved);
  }

  @Test
  void anEditBasedOnADefinitionChangedSinceStillConflictsAfterAFavorite() {
    Export read = exports.create(rapid("weekly").build());
    exports.update(read.id(), read.version(), read.definition().toBuilder().name("first").build());
    exports.favorite(read.id(), true);

    Throwable thrown = catchThrowable(() ->
        exports.update(read.id(), read.version(), read.definition().toBuilder().name("second").build()));

    assertThat(thrown).isInstanceOf(ExportConflictException.class);
    assertThat(exports.get(read.id()).name()).isEqualTo("first");
  }

  @Test
  void anOperatorEndsAStrandedRunAndTheExportGoesBackToRest() {
    Outcome<Export> outcome = act(ExportStatus.IN_PROGRESS, export -> exports.endRun(export.id()));

    Export ended = outcome.returned();
    assertThat(ended.status()).as("an immediate export is Closed once run").isEqualTo(ExportStatus.CLOSED);
    assertThat(ended.lastRun().outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(ended.lastRun().error()).contains("ended by an operator");
    assertThat(exports.get(ended.id())).as("the run, going on, does not overwrite the operator's end").isEqualTo(ended);
    assertThat(exports.runs(ended.id())).containsExactly(ended.lastRun());
  }

  @Test
  void anOperatorEndingTheRunOfAScheduledExportKeepsItScheduled() {
    Export scheduled = exports.publish(exports.create(rapid("weekly").trigger(planned()).build()).id());
    AtomicReference<Export> ended = new AtomicReference<>();
    whileRunning = exportId -> ended.set(exports.endRun(exportId));

    exports.runNow(scheduled.id());

    Export after = exports.get(scheduled.id());
    assertThat(after).isEqualTo(ended.get());
    assertThat(after.status()).isEqualTo(ExportStatus.SCHEDULED);
    assertThat(after.nextFireAt()).isEqualTo(PLANNED_AT);
    assertThat(after.lastRun().error()).contains("ended by an operator");
  }

  @Test
  void anOperatorEndsTheRunOfAClaimedOccurrence() {
    Export scheduled = exports.publish(exports.create(rapid("weekly").trigger(planned()).build()).id());
    ExportService.Firing firing = new ExportService.Firing("node-1", Duration.ofMinutes(5), 3, Duration.ofMinutes(1),
        Duration.ofMinutes(1));
    fx.clock.set(PLANNED_AT);
    Export claimed = exports.claim(scheduled.id(), PLANNED_AT, firing).orElseThrow();

    Export ended = exports.endRun(claimed.id());
    ExportRun late = exports.fire(claimed, firing);

    assertThat(ended.status()).as("a planned export is Closed after its occurrence").isEqualTo(ExportStatus.CLOSED);
    assertThat(ended.lease()).isNull();
    assertThat(ended.lastRun().error()).contains("ended by an operator");
    assertThat(exports.get(scheduled.id())).as("the late attempt is not recorded").isEqualTo(ended);
    assertThat(exports.runs(scheduled.id())).extracting(ExportRun::id).containsExactly(late.id());
    assertThat(exports.runs(scheduled.id())).extracting(ExportRun::error).containsExactly(ended.lastRun().error());
  }

  @ParameterizedTest
  @EnumSource(value = ExportStatus.class, names = {"DRAFT", "SCHEDULED", "CLOSED"})
  void endRunOutsideInProgressIsRejected(ExportStatus status) {
    Outcome<Export> outcome = act(status, export -> exports.endRun(export.id()));

    assertRefused(outcome, ExportAction.END_RUN, status);
  }

  @Test
  void runNowOfAScheduledExportKeepsItScheduled() {
    Export scheduled = exports.publish(exports.create(rapid("weekly").trigger(planned()).build()).id());

    ExportRun run = exports.runNow(scheduled.id());

    Export after = exports.get(scheduled.id());
    assertThat(run.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
    assertThat(after.status()).isEqualTo(ExportStatus.SCHEDULED);
    assertThat(after.nextFireAt()).isEqualTo(PLANNED_AT);
    assertThat(after.lastRun()).isEqualTo(run);
    assertThat(after.version()).as("In progress, then Scheduled again").isEqualTo(scheduled.version() + 2);
  }

  @Test
  void runNowOfAClosedExportKeepsItClosed() {
    Export closed = exports.publish(exports.create(rapid("weekly").build()).id());

    ExportRun run = exports.runNow(closed.id());

    Export after = exports.get(closed.id());
    assertThat(run.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
    assertThat(run.sequence()).isEqualTo(2);
    assertThat(after.status()).isEqualTo(ExportStatus.CLOSED);
    assertThat(after.lastRun()).isEqualTo(run);
    assertThat(fx.transport.deliveries()).hasSize(2);
  }

  @Test
  void runsAreListedNewestFirst() {
    Export closed = exports.publish(exports.create(rapid("weekly").build()).id());
    fx.clock.advance(Duration.ofHours(1));
    exports.runNow(closed.id());
    fx.clock.advance(Duration.ofHours(1));
    exports.runNow(closed.id());

    List<ExportRun> runs = exports.runs(closed.id());

    assertThat(runs).extracting(ExportRun::sequence).containsExactly(3L, 2L, 1L);
    assertThat(runs).extracting(ExportRun::startedAt).isSortedAccordingTo(Comparator.reverseOrder());
  }

  @ParameterizedTest
  @EnumSource(ExportCategory.class)
  void listingByCategoryIsPagedNewestFirst(ExportCategory category) {
    createOneMinuteApart();

    List<Page<Export>> pages = new ArrayList<>(List.of(exports.list(category, PageRequest.first(2))));
    while (pages.get(pages.size() - 1).hasNext()) {
      pages.add(exports.list(category, PageRequest.of(pages.size(), 2)));
    }

    List<String> expected = switch (category) {
      case ALL -> List.of("e-closed-favorite", "d-draft-favorite", "c-closed", "b-scheduled", "a-draft");
      case IN_PROGRESS -> List.of();
      case SCHEDULED -> List.of("b-scheduled");
      case DRAFT -> List.of("d-draft-favorite", "a-draft");
      case CLOSED -> List.of("e-closed-favorite", "c-closed");
      case FAVORITES -> List.of("e-closed-favorite", "d-draft-favorite");
    };
    assertThat(pages).allSatisfy(page -> {
      assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
      assertThat(page.total()).isEqualTo(expected.size());
    });
    assertThat(pages).flatMap(Page::items).extracting(Export::name).containsExactlyElementsOf(expected);
  }

  @Test
  void aRunningExportIsListedInProgress() {
    Outcome<Page<Export>> outcome = act(ExportStatus.IN_PROGRESS, export -> exports.list(ExportCategory.IN_PROGRESS, PageRequest.first(10)));

    assertThat(outcome.returned().items()).extracting(Export::id).containsExactly(outcome.before().id());
    assertThat(exports.list(ExportCategory.IN_PROGRESS, PageRequest.first(10)).items()).as("once the run ended").isEmpty();
  }

  // Forbidden transitions.

  @ParameterizedTest
  @EnumSource(value = ExportStatus.class, names = {"SCHEDULED", "IN_PROGRESS", "CLOSED"})
  void updateOutsideDraftIsRejected(ExportStatus status) {
    Outcome<Export> outcome = act(status, export ->
        exports.update(export.id(), export.version(), export.definition().toBuilder().name("renamed").build()));

    assertRefused(outcome, ExportAction.UPDATE, status);
  }

  @ParameterizedTest
  @EnumSource(value = ExportStatus.class, names = {"SCHEDULED", "IN_PROGRESS", "CLOSED"})
  void publishOutsideDraftIsRejected(ExportStatus status) {
    Outcome<Export> outcome = act(status, export -> exports.publish(export.id()));

    assertRefused(outcome, ExportAction.PUBLISH, status);
  }

  @ParameterizedTest
  @EnumSource(value = ExportStatus.class, names = {"DRAFT", "IN_PROGRESS", "CLOSED"})
  void disableOutsideScheduledIsRejected(ExportStatus status) {
    Outcome<Export> outcome = act(status, export -> exports.disable(export.id()));

    assertRefused(outcome, ExportAction.DISABLE, status);
  }

  @ParameterizedTest
  @EnumSource(value = ExportStatus.class, names = {"SCHEDULED", "IN_PROGRESS"})
  void deleteOfAScheduledOrRunningExportIsRejected(ExportStatus status) {
    Outcome<Void> outcome = act(status, export -> {
      exports.delete(export.id());
      return null;
    });

    assertRefused(outcome, ExportAction.DELETE, status);
  }

  @ParameterizedTest
  @EnumSource(value = ExportStatus.class, names = {"DRAFT", "IN_PROGRESS"})
  void runNowOfADraftOrARunningExportIsRejected(ExportStatus status) {
    Outcome<ExportRun> outcome = act(status, export -> exports.runNow(export.id()));

    assertRefused(outcome, ExportAction.RUN, status);
  }

  @Test
  void disablingAScheduledRapidExportIsRefused() {
    Export scheduled = exports.publish(exports.create(rapid("weekly").trigger(planned()).build()).id());

    Throwable thrown = catchThrowable(() -> exports.disable(scheduled.id()));

    assertThat(thrown).isInstanceOfSatisfying(IllegalStateTransitionException.class, e -> {
      assertThat(e.action()).isEqualTo(ExportAction.DISABLE);
      assertThat(e.status()).isEqualTo(ExportStatus.SCHEDULED);
      assertThat(e).hasMessageContaining("only CUSTOM exports can be disabled").hasMessageContaining("RAPID");
    });
    assertThat(exports.get(scheduled.id())).isEqualTo(scheduled);
  }

  @Test
  void updateBasedOnAStaleVersionConflicts() {
    Export draft = exports.create(rapid("weekly").build());
    exports.update(draft.id(), draft.version(), draft.definition().toBuilder().name("first").build());

    Throwable thrown = catchThrowable(() ->
        exports.update(draft.id(), draft.version(), draft.definition().toBuilder().name("second").build()));

    assertThat(thrown).isInstanceOfSatisfying(ExportConflictException.class, e -> {
      assertThat(e.exportId()).isEqualTo(draft.id());
      assertThat(e.expectedVersion()).isEqualTo(1);
      assertThat(e.actualVersion()).isEqualTo(2);
      assertThat(e).hasMessageContaining("re-read");
    });
    assertThat(exports.get(draft.id()).name()).isEqualTo("first");
  }

  static Stream<Arguments> actionsById() {
    return Stream.of(
        action("get", (exports, id) -> exports.get(id)),
        action("update", (exports, id) -> exports.update(id, 1, rapid("weekly").build())),
        action("publish", (exports, id) -> exports.publish(id)),
        action("duplicate", (exports, id) -> exports.duplicate(id)),
        action("favorite", (exports, id) -> exports.favorite(id, true)),
        action("disable", (exports, id) -> exports.disable(id)),
        action("delete", (exports, id) -> exports.delete(id)),
        action("runNow", (exports, id) -> exports.runNow(id)));
  }

  private static Arguments action(String name, BiConsumer<ExportService, String> action) {
    return arguments(named(name, action));
  }

  @ParameterizedTest
  @MethodSource("actionsById")
  void actionsOnAnUnknownExportAreNotFound(BiConsumer<ExportService, String> action) {
    Throwable thrown = catchThrowable(() -> action.accept(exports, "no-such-export"));

    assertThat(thrown).isInstanceOfSatisfying(ExportNotFoundException.class, e -> {
      assertThat(e.exportId()).isEqualTo("no-such-export");
      assertThat(e).hasMessageContaining("'no-such-export'");
    });
  }

  // Definitions that do not fit the host.

  @Test
  void changingTheOperationOfACustomDraftClearsItsFields() {
    Export draft = exports.create(custom("weekly").build());

    Export moved = exports.update(draft.id(), draft.version(), draft.definition().toBuilder().operation(QUIZ.id()).build());

    assertThat(moved.definition().operations()).containsExactly(QUIZ.id());
    assertThat(moved.definition().fields()).isEmpty();
  }

  @Test
  void aCustomDraftWhoseFieldsWereClearedCannotBePublished() {
    Export draft = exports.create(custom("weekly").build());
    exports.update(draft.id(), draft.version(), draft.definition().toBuilder().operation(QUIZ.id()).build());

    Throwable thrown = catchThrowable(() -> exports.publish(draft.id()));

    assertThat(thrown).isInstanceOfSatisfying(InvalidDefinitionException.class, e ->
        assertThat(e.violations()).extracting(Violation::field).containsExactly("fields"));
    assertThat(exports.get(draft.id()).status()).isEqualTo(ExportStatus.DRAFT);
  }

  @Test
  void changingTheOperationOfACustomDraftKeepsNewlyChosenFields() {
    Export draft = exports.create(custom("weekly").build());

    Export moved = exports.update(draft.id(), draft.version(),
        draft.definition().toBuilder().operation(QUIZ.id()).fields(ExportField.of("score")).build());

    assertThat(moved.definition().fields()).containsExactly(ExportField.of("score"));
  }

  @Test
  void reChoosingTheSameFieldsWithANewOperationKeepsThem() {
    Export draft = exports.create(custom("weekly").fields(ExportField.of("email")).build());

    Export moved = exports.update(draft.id(), draft.version(),
        draft.definition().toBuilder().operation(QUIZ.id()).fields(ExportField.of("email")).build());

    assertThat(moved.definition().operations()).containsExactly(QUIZ.id());
    assertThat(moved.definition().fields()).containsExactly(ExportField.of("email"));
  }

  @Test
  void customExportsAreRefusedWithStandardEntitlements() {
    ExportService standard = fx.builder().entitlements(Entitlements.STANDARD).build();

    Throwable thrown = catchThrowable(() -> standard.create(custom("weekly").build()));

    assertThat(thrown).isInstanceOfSatisfying(InvalidDefinitionException.class, e ->
        assertThat(e.violations()).singleElement().satisfies(v -> {
          assertThat(v.field()).isEqualTo("type");
          assertThat(v.message()).contains("CUSTOM").contains("paid option");
        }));
    assertThat(standard.create(rapid("weekly").build()).status()).isEqualTo(ExportStatus.DRAFT);
  }

  @Test
  void winnersOnlyIsRefusedForAQuiz() {
    ExportDefinition winners = rapid("winners").operation(QUIZ.id()).content(Content.WINNERS).build();

    Throwable thrown = catchThrowable(() -> exports.create(winners));

    assertViolation(thrown, "content", "instant-win", "QUIZ");
  }

  @Test
  void anUnknownOperationIsRefused() {
    ExportDefinition unknown = rapid("weekly").operation("winter").build();

    Throwable thrown = catchThrowable(() -> exports.create(unknown));

    assertViolation(thrown, "operations", "'winter'");
  }

  @Test
  void anUnknownFieldIsRefusedNamingTheFieldsThatExist() {
    ExportDefinition unknown = custom("weekly").fields(ExportField.of("email"), ExportField.of("shoe_size")).build();

    Throwable thrown = catchThrowable(() -> exports.create(unknown));

    assertViolation(thrown, "fields[1]", "'shoe_size'", "[id, email, participated_at, won]");
  }

  @Test
  void theFormatChecksItsOptionsAgainstTheColumnsAndIsRefusedUnderFormat() {
    ColumnCheckingFormat format = new ColumnCheckingFormat();
    ExportService checked = fx.builder().format(format).build();
    ExportDefinition patterned = custom("weekly")
        .fields(ExportField.of("email").withLabel("Mail").withWidth(30), ExportField.of("won").withPattern("yes/no"))
        .build();

    Throwable thrown = catchThrowable(() -> checked.create(patterned));

    assertViolation(thrown, "format", "column 'won' takes no pattern");
    assertThat(format.schemas).singleElement().extracting(Schema::columns).isEqualTo(List.of(
        new Column("email", "Mail", FieldType.STRING, null, 30),
        new Column("won", "Won", FieldType.BOOLEAN, "yes/no", null)));
  }

  @Test
  void theFormatChecksTheColumnsAtUpdateAndPublishToo() {
    ColumnCheckingFormat format = new ColumnCheckingFormat();
    ExportService checked = fx.builder().format(format).build();
    Export draft = checked.create(custom("weekly").build());
    draft = checked.update(draft.id(), draft.version(), draft.definition().toBuilder().name("monthly").build());

    checked.publish(draft.id());

    assertThat(format.schemas).hasSize(3).allSatisfy(schema ->
        assertThat(schema.columns()).extracting(Column::name).containsExactly("email", "won"));
  }

  @Test
  void theFormatChecksItsOptionsAloneWhenTheExportHasNoColumns() {
    ColumnCheckingFormat format = new ColumnCheckingFormat();
    ExportService checked = fx.builder().format(format).build();

    Throwable thrown = catchThrowable(() -> checked.create(rapid("weekly").operation("winter").build()));

    assertViolation(thrown, "operations", "'winter'");
    assertThat(format.schemas).isEmpty();
    assertThat(checked.create(custom("draft").fields(List.of()).build()).status()).isEqualTo(ExportStatus.DRAFT);
    assertThat(format.schemas).isEmpty();
  }

  @Test
  void aPlannedDateAlreadyPassedIsRefusedAtPublish() {
    Export draft = exports.create(rapid("weekly").trigger(planned()).build());
    fx.clock.set(PLANNED_AT.plusSeconds(1));

    Throwable thrown = catchThrowable(() -> exports.publish(draft.id()));

    assertViolation(thrown, "trigger", "never fire");
    assertThat(exports.get(draft.id())).isEqualTo(draft);
  }

  @Test
  void everyMissingProviderIsReportedAtOnce() {
    ExportDefinition definition = custom("weekly").format("csv").compression("gzip").encryption(Encryption.to("ops@example.org"))
        .destination(Destination.of("sftp://acme@reports.example.org/out"))
        .trigger(Trigger.daily(java.time.LocalTime.of(6, 0), java.time.ZoneOffset.UTC)).build();

    Throwable thrown = catchThrowable(() -> exports.create(definition));

    assertThat(thrown).isInstanceOfSatisfying(ProviderNotFoundException.class, e -> {
      assertThat(e.kind()).isEqualTo("FormatWriter");
      assertThat(e.id()).isEqualTo("csv");
      assertThat(e.missing()).extracting(ProviderNotFoundException.Missing::id)
          .containsExactly("csv", "gzip", "openpgp", "sftp", "daily");
      assertThat(e).hasMessageContaining("\"csv\"").hasMessageContaining("\"gzip\"")
          .hasMessageContaining("\"openpgp\"").hasMessageContaining("\"sftp\"").hasMessageContaining("\"daily\"")
          .hasMessageContaining("Add export-formats, export-crypto and export-transport-sftp to the classpath")
          .hasMessageContaining("upgrade export-scheduling");
    });
  }

  @Test
  void aRefusedTransitionIsAnExportException() {
    Export draft = exports.create(rapid("weekly").build());

    Throwable thrown = catchThrowable(() -> exports.runNow(draft.id()));

    assertThat(thrown).isInstanceOf(ExportException.class).isInstanceOf(IllegalStateTransitionException.class);
  }

  @Test
  void aMissingFormatNamesTheAvailableOnesAndTheArtifact() {
    ExportDefinition csv = rapid("weekly").format("csv").build();

    Throwable thrown = catchThrowable(() -> exports.create(csv));

    assertThat(thrown).isInstanceOfSatisfying(ProviderNotFoundException.class, e -> {
      assertThat(e.kind()).isEqualTo("FormatWriter");
      assertThat(e.id()).isEqualTo("csv");
      assertThat(e).hasMessageContaining("Available: [lines]").hasMessageContaining("export-formats");
    });
  }

  @Test
  void aMissingTransportNamesTheAvailableOnesAndTheArtifact() {
    ExportDefinition sftp = rapid("weekly").destination(Destination.of("sftp://acme@reports.example.org/out")).build();

    Throwable thrown = catchThrowable(() -> exports.create(sftp));

    assertThat(thrown).isInstanceOfSatisfying(ProviderNotFoundException.class, e -> {
      assertThat(e.kind()).isEqualTo("Transport");
      assertThat(e.id()).isEqualTo("sftp");
      assertThat(e).hasMessageContaining("Available: [file, memory]").hasMessageContaining("export-transport-sftp");
    });
  }

  // Helpers.

  /**
   * What an action did to an export in some status.
   *
   * @param before the export the action was given
   * @param returned what it returned, {@code null} if it threw
   * @param thrown what it threw, or {@code null}
   * @param after the export right after the action (for In progress, still inside the run)
   */
  private record Outcome<T>(Export before, @Nullable T returned, @Nullable Throwable thrown, @Nullable Export after) {
  }

  /** Applies {@code action} to a new export in {@code status}; for In progress, from inside its run. */
  private <T> Outcome<T> act(ExportStatus status, Function<Export, T> action) {
    Outcome<T> outcome;
    if (status == ExportStatus.IN_PROGRESS) {
      Export draft = exports.create(custom("running").build());
      AtomicReference<Outcome<T>> seen = new AtomicReference<>();
      whileRunning = exportId -> seen.set(attempt(exports.get(exportId), action));
      exports.publish(draft.id());
      whileRunning = exportId -> { };
      outcome = seen.get();
    } else {
      outcome = attempt(exportIn(status), action);
    }
    assertThat(outcome.before().status()).as("status the action was taken in").isEqualTo(status);
    return outcome;
  }

  private <T> Outcome<T> attempt(Export before, Function<Export, T> action) {
    try {
      T returned = action.apply(before);
      return new Outcome<>(before, returned, null, exports.find(before.id()).orElse(null));
    } catch (RuntimeException e) {
      return new Outcome<>(before, null, e, exports.find(before.id()).orElse(null));
    }
  }

  private Export exportIn(ExportStatus status) {
    return switch (status) {
      case DRAFT -> exports.create(custom("draft").trigger(planned()).build());
      case SCHEDULED -> exports.publish(exports.create(custom("scheduled").trigger(planned()).build()).id());
      case CLOSED -> exports.publish(exports.create(custom("closed").build()).id());
      case IN_PROGRESS -> throw new IllegalArgumentException("an export is In progress only during its run; see act()");
    };
  }

  private static void assertRefused(Outcome<?> outcome, ExportAction action, ExportStatus status) {
    assertThat(outcome.thrown()).isInstanceOfSatisfying(IllegalStateTransitionException.class, e -> {
      assertThat(e.exportId()).isEqualTo(outcome.before().id());
      assertThat(e.action()).isEqualTo(action);
      assertThat(e.status()).isEqualTo(status);
      assertThat(e).hasMessageContaining("it is " + status)
          .hasMessageContaining("Allowed in " + status + ": " + ALLOWED.get(status));
    });
    assertThat(outcome.after()).as("the export after the refusal").isEqualTo(outcome.before());
  }

  private static void assertViolation(Throwable thrown, String field, String... messageParts) {
    assertThat(thrown).isInstanceOfSatisfying(InvalidDefinitionException.class, e ->
        assertThat(e.violations()).singleElement().satisfies(v -> {
          assertThat(v.field()).isEqualTo(field);
          assertThat(v.message()).contains(messageParts);
        }));
  }

  /** The lines format, recording the columns it checks and refusing column patterns, which it does not apply. */
  private static final class ColumnCheckingFormat implements FormatWriterProvider {
    private final LinesFormat lines = new LinesFormat();
    final List<Schema> schemas = new CopyOnWriteArrayList<>();

    @Override
    public String id() {
      return lines.id();
    }

    @Override
    public String mediaType() {
      return lines.mediaType();
    }

    @Override
    public List<String> validate(FormatSpec format) {
      return lines.validate(format);
    }

    @Override
    public List<String> validate(FormatSpec format, Schema schema) {
      schemas.add(schema);
      return schema.columns().stream().filter(c -> c.pattern() != null)
          .map(c -> "column '" + c.name() + "' takes no pattern").toList();
    }

    @Override
    public FormatWriter open(OutputStream out, Schema schema, FormatSpec format) throws IOException {
      return lines.open(out, schema, format);
    }
  }

  /** Five exports, one minute apart, named in creation order after where they end up. */
  private void createOneMinuteApart() {
    exports.create(rapid("a-draft").build());
    fx.clock.advance(Duration.ofMinutes(1));
    exports.publish(exports.create(rapid("b-scheduled").trigger(planned()).build()).id());
    fx.clock.advance(Duration.ofMinutes(1));
    exports.publish(exports.create(rapid("c-closed").build()).id());
    fx.clock.advance(Duration.ofMinutes(1));
    exports.favorite(exports.create(rapid("d-draft-favorite").build()).id(), true);
    fx.clock.advance(Duration.ofMinutes(1));
    exports.favorite(exports.publish(exports.create(rapid("e-closed-favorite").build()).id()).id(), true);
  }
}
