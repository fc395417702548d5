package io.exportkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExportDefinitionTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final Destination DESTINATION = Destination.of("file:exports");
  private static final Period Q1 = Period.parse("2026-01-01/2026-03-31");

  // ---------------------------------------------------------------- all violations at once

  @Test
  void buildReportsEveryViolationInOneException() {
    ExportDefinition.Builder builder = ExportDefinition.builder().naming("../{export}");

    InvalidDefinitionException thrown = catchThrowableOfType(InvalidDefinitionException.class, builder::build);

    assertThat(thrown.violations()).extracting(Violation::field).containsExactly("name", "type", "destination", "naming");
    assertThat(thrown.violations()).extracting(Violation::message).allSatisfy(m -> assertThat(m).isNotBlank());
    assertThat(thrown.violations().get(3).message()).contains("must not contain '/'");
    assertThat(thrown).hasMessageStartingWith("Invalid export definition (4 problems): name: required");
  }

  @Test
  void singleViolationIsReportedAsOneProblem() {
    ExportDefinition.Builder builder = rapid().name("weekly").destination(DESTINATION).compression("GZIP");

    InvalidDefinitionException thrown = catchThrowableOfType(InvalidDefinitionException.class, builder::build);

    assertThat(thrown).hasMessage("Invalid export definition (1 problem): "
        + "compression: must be 'none' or a compression id such as 'gzip' or 'zip'");
  }

  @Test
  void minimalDefinitionTakesTheDocumentedDefaults() {
    ExportDefinition.Builder builder = ExportDefinition.builder().name("weekly").type(ExportType.RAPID)
        .operation("summer-quiz").destination(DESTINATION);

    ExportDefinition definition = builder.build();

    assertThat(definition.content()).isEqualTo(Content.ALL_PARTICIPATIONS);
    assertThat(definition.format()).isEqualTo(FormatSpec.of("csv"));
    assertThat(definition.compression()).isEqualTo("none");
    assertThat(definition.naming()).isEqualTo(ExportDefinition.DEFAULT_NAMING);
    assertThat(definition.zone()).isEqualTo(ZoneOffset.UTC);
    assertThat(definition.trigger()).isEqualTo(Trigger.immediate());
    assertThat(definition.fields()).isEmpty();
    assertThat(definition.period()).isNull();
    assertThat(definition.encryption()).isNull();
  }

  // ---------------------------------------------------------------- type rules

  static Stream<Arguments> typeRuleViolations() {
    return Stream.of(
        violation("RAPID without operation", () -> ExportDefinition.builder().type(ExportType.RAPID),
            "operations", "a RAPID export needs exactly one operation (has 0)"),
        violation("RAPID with two operations", () -> ExportDefinition.builder().type(ExportType.RAPID)
            .operations(List.of("a", "b")), "operations", "a RAPID export needs exactly one operation (has 2)"),
        violation("RAPID with a period", () -> rapid().period(Q1),
            "period", "only GLOBAL exports take a period; remove it"),
        violation("CUSTOM without operation", () -> ExportDefinition.builder().type(ExportType.CUSTOM),
            "operations", "a CUSTOM export needs exactly one operation (has 0)"),
        violation("CUSTOM with two operations", () -> ExportDefinition.builder().type(ExportType.CUSTOM)
            .operations(List.of("a", "b")), "operations", "a CUSTOM export needs exactly one operation (has 2)"),
        violation("CUSTOM with a period", () -> custom().period(Q1),
            "period", "only GLOBAL exports take a period; remove it"),
        violation("CUSTOM with a field chosen twice", () -> custom()
            .fields(ExportField.of("email"), ExportField.of("prize"), ExportField.of("email").withLabel("Mail")),
            "fields[2]", "field 'email' is chosen twice"),
        violation("GLOBAL without period", () -> ExportDefinition.builder().type(ExportType.GLOBAL),
            "period", "required for a GLOBAL export"),
        violation("GLOBAL with a duplicate operation", () -> global().operations(List.of("a", "b", "a")),
            "operations", "lists an operation more than once"),
        violation("RAPID with fields", () -> rapid().fields(ExportField.of("email")),
            "fields", "only CUSTOM exports choose fields; a RAPID export has all columns"),
        violation("GLOBAL with fields", () -> global().fields(ExportField.of("email")),
            "fields", "only CUSTOM exports choose fields; a GLOBAL export has all columns"));
  }

  private static Arguments violation(String description, java.util.function.Supplier<ExportDefinition.Builder> builder,
      String field, String message) {
    return Arguments.of(Named.of(description, builder), field, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typeRuleViolations")
  void typeRuleIsEnforced(java.util.function.Supplier<ExportDefinition.Builder> arranged, String field, String message) {
    ExportDefinition.Builder builder = arranged.get().name("weekly").destination(DESTINATION);

    InvalidDefinitionException thrown = catchThrowableOfType(InvalidDefinitionException.class, builder::build);

    assertThat(thrown.violations()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo(field);
      assertThat(v.message()).contains(message);
    });
  }

  @Test
  void customMayBeBuiltWithoutFieldsAsADraft() {
    ExportDefinition.Builder builder = custom().name("draft").destination(DESTINATION);

    ExportDefinition definition = builder.build();

    assertThat(definition.fields()).isEmpty();
  }

  @Test
  void customKeepsTheChosenFieldsInOrder() {
    List<ExportField> fields = List.of(ExportField.of("prize").withLabel("Prize won"), ExportField.of("email"));
    ExportDefinition.Builder builder = custom().name("winners").destination(DESTINATION).fields(fields);

    ExportDefinition definition = builder.build();

    assertThat(definition.fields()).containsExactlyElementsOf(fields);
  }

  @Test
  void globalWithoutOperationsMeansEveryOperationOfThePeriod() {
    ExportDefinition.Builder builder = global().name("q1").destination(DESTINATION);

    ExportDefinition definition = builder.build();

    assertThat(definition.operations()).isEmpty();
    assertThat(definition.period()).isEqualTo(Q1);
  }

  @Test
  void globalAcceptsASubsetOfOperations() {
    ExportDefinition.Builder builder = global().name("q1").destination(DESTINATION).operations(List.of("a", "b"));

    ExportDefinition definition = builder.build();

    assertThat(definition.operations()).containsExactly("a", "b");
  }

  // ---------------------------------------------------------------- triggers by type (the seed)

  static Stream<Arguments> allowedTriggers() {
    return Stream.of(
        Arguments.of(ExportType.RAPID, TriggerKind.IMMEDIATE), Arguments.of(ExportType.RAPID, TriggerKind.PLANNED),
        Arguments.of(ExportType.RAPID, TriggerKind.AT_OPERATION_END),
        Arguments.of(ExportType.CUSTOM, TriggerKind.IMMEDIATE), Arguments.of(ExportType.CUSTOM, TriggerKind.PLANNED),
        Arguments.of(ExportType.CUSTOM, TriggerKind.AT_OPERATION_END), Arguments.of(ExportType.CUSTOM, TriggerKind.DAILY),
        Arguments.of(ExportType.CUSTOM, TriggerKind.WEEKLY),
        Arguments.of(ExportType.GLOBAL, TriggerKind.IMMEDIATE), Arguments.of(ExportType.GLOBAL, TriggerKind.PLANNED),
        Arguments.of(ExportType.GLOBAL, TriggerKind.DAILY), Arguments.of(ExportType.GLOBAL, TriggerKind.WEEKLY));
  }

  @ParameterizedTest(name = "{0} + {1}")
  @MethodSource("allowedTriggers")
  void triggerAllowedForTheTypeIsAccepted(ExportType type, TriggerKind kind) {
    ExportDefinition.Builder builder = valid(type).trigger(trigger(kind));

    ExportDefinition definition = builder.build();

    assertThat(definition.trigger().kind()).isEqualTo(kind);
  }

  static Stream<Arguments> forbiddenTriggers() {
    return Stream.of(
        Arguments.of(ExportType.RAPID, TriggerKind.DAILY, "[immediate, planned, at-end]"),
        Arguments.of(ExportType.RAPID, TriggerKind.WEEKLY, "[immediate, planned, at-end]"),
        Arguments.of(ExportType.GLOBAL, TriggerKind.AT_OPERATION_END, "[immediate, planned, daily, weekly]"));
  }

  @ParameterizedTest(name = "{0} + {1}")
  @MethodSource("forbiddenTriggers")
  void triggerForbiddenForTheTypeIsRejectedListingTheAllowedOnes(ExportType type, TriggerKind kind, String allowed) {
    ExportDefinition.Builder builder = valid(type).trigger(trigger(kind));

    InvalidDefinitionException thrown = catchThrowableOfType(InvalidDefinitionException.class, builder::build);

    assertThat(thrown.violations()).containsExactly(new Violation("trigger",
        "a " + type + " export cannot use a " + kind.id() + " trigger; allowed: " + allowed));
  }

  @Test
  void triggerTablesCoverEveryPairExactlyOnce() {
    List<String> pairs = new ArrayList<>();

    allowedTriggers().forEach(a -> pairs.add(a.get()[0] + "+" + a.get()[1]));
    forbiddenTriggers().forEach(a -> pairs.add(a.get()[0] + "+" + a.get()[1]));

    assertThat(pairs).doesNotHaveDuplicates()
        .hasSize(ExportType.values().length * EnumSet.allOf(TriggerKind.class).size());
  }

  // ---------------------------------------------------------------- name

  @Test
  void nameOfMaximumLengthIsAccepted() {
    String name = "n".repeat(ExportDefinition.MAX_NAME_LENGTH);

    ExportDefinition definition = rapid().name(name).destination(DESTINATION).build();

    assertThat(definition.name()).isEqualTo(name);
  }

  @Test
  void nameLongerThanTheMaximumIsRejected() {
    ExportDefinition.Builder builder = rapid().name("n".repeat(101)).destination(DESTINATION);

    InvalidDefinitionException thrown = catchThrowableOfType(InvalidDefinitionException.class, builder::build);

    assertThat(thrown.violations()).containsExactly(new Violation("name", "at most 100 characters (is 101)"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n"})
  void blankNameIsRejected(String name) {
    ExportDefinition.Builder builder = rapid().name(name).destination(DESTINATION);

    InvalidDefinitionException thrown = catchThrowableOfType(InvalidDefinitionException.class, builder::build);

    assertThat(thrown.violations()).containsExactly(new Violation("name", "required: give the export a name"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b", "line\nbreak", "tab\there", "del\u007F", "c1\u0085", "cr\r"})
  void nameWithControlCharactersIsRejected(String name) {
    ExportDefinition.Builder builder = rapid().name(name).destination(DESTINATION);

    InvalidDefinitionException thrown = catchThrowableOfType(InvalidDefinitionException.class, builder::build);

    assertThat(thrown.violations()).containsExactly(new Violation("name", "must not hold control characters"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Équipe été", "東京クイズ", "😀 party", "../../x"})
  void nameThatIsNotAFileNameIsStillAcceptedAsText(String name) {
    ExportDefinition.Builder builder = rapid().name(name).destination(DESTINATION);

    ExportDefinition definition = builder.build();

    assertThat(definition.name()).isEqualTo(name);
  }

  // ---------------------------------------------------------------- builder mechanics

  @Test
  void toBuilderRoundTripGivesAnEqualDefinition() {
    ExportDefinition original = fullyPopulated();

    ExportDefinition copy = original.toBuilder().build();

    assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original).isNotSameAs(original);
  }

  @Test
  void toBuilderChangesOnlyWhatIsSet() {
    ExportDefinition original = fullyPopulated();

    ExportDefinition json = original.toBuilder().format("json").build();

    assertThat(json.format()).isEqualTo(FormatSpec.of("json"));
    assertThat(json.toBuilder().format(original.format()).build()).isEqualTo(original);
    assertThat(original.format().id()).isEqualTo("csv");
  }

  @Test
  void builderIsReusableAfterBuild() {
    ExportDefinition.Builder builder = rapid().name("first").destination(DESTINATION);
    ExportDefinition first = builder.build();

    ExportDefinition second = builder.name("second").operation("other").build();

    assertThat(first.name()).isEqualTo("first");
    assertThat(first.operations()).containsExactly("summer-quiz");
    assertThat(second.name()).isEqualTo("second");
    assertThat(second.operations()).containsExactly("other");
  }

  @Test
  void builderCopiesTheListsItIsGiven() {
    List<String> operations = new ArrayList<>(List.of("a", "b"));
    List<ExportField> fields = new ArrayList<>(List.of(ExportField.of("email")));
    ExportDefinition global = global().name("q1").destination(DESTINATION).operations(operations).build();
    ExportDefinition custom = custom().name("c").destination(DESTINATION).fields(fields).build();

    operations.add("c");
    fields.add(ExportField.of("prize"));

    assertThat(global.operations()).containsExactly("a", "b");
    assertThat(custom.fields()).containsExactly(ExportField.of("email"));
  }

  static Stream<Arguments> nullSetters() {
    return Stream.of(
        setter("name", b -> b.name(null)),
        setter("type", b -> b.type(null)),
        setter("operationId", b -> b.operation(null)),
        setter("operationIds", b -> b.operations(null)),
        setter("content", b -> b.content(null)),
        setter("fields", b -> b.fields((List<ExportField>) null)),
        setter("format", b -> b.format((FormatSpec) null)),
        setter("id", b -> b.format((String) null)),
        setter("compression", b -> b.compression(null)),
        setter("template", b -> b.naming(null)),
        setter("zone", b -> b.zone(null)),
        setter("destination", b -> b.destination(null)),
        setter("trigger", b -> b.trigger(null)));
  }

  private static Arguments setter(String parameter, Consumer<ExportDefinition.Builder> call) {
    return Arguments.of(parameter, Named.of(parameter, call));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nullSetters")
  void setterRejectsNullNamingTheParameter(String parameter, Consumer<ExportDefinition.Builder> setter) {
    ExportDefinition.Builder builder = ExportDefinition.builder();

    Throwable thrown = catchThrowable(() -> setter.accept(builder));

    assertThat(thrown).isInstanceOf(NullPointerException.class).hasMessage(parameter);
  }

  @Test
  void nullablePartsMayBeCleared() {
    ExportDefinition original = fullyPopulated();

    ExportDefinition cleared = original.toBuilder().encryption(null).build();

    assertThat(cleared.encryption()).isNull();
  }

  // ---------------------------------------------------------------- destination URI

  @ParameterizedTest
  @ValueSource(strings = {"sftp://acme@reports.example.org:0/out", "ftp://reports.example.org:65536/out",
      "ftp://reports.example.org:99999999999/out", "sftp://acme@reports.example.org:ssh/out",
      "ftp://reports.example.org:21:21/out", "sftp://acme@:22/out", "ftp://reports example.org/out"})
  void anInvalidPortOrAuthorityIsRefusedAtBuild(String uri) {
    ExportDefinition.Builder builder = valid(ExportType.RAPID).destination(new Destination(java.net.URI.create(uri.replace(" ", "%20")),
        Map.of(), Map.of(), false));

    InvalidDefinitionException thrown = catchThrowableOfType(InvalidDefinitionException.class, builder::build);

    assertThat(thrown.violations()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("destination.uri");
      assertThat(v.message()).containsAnyOf("port", "host[:port]");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"sftp://acme@reports.example.org:2222/out", "ftp://10.0.0.7:65535/out", "ftps://[::1]:990/out",
      "gs://acme_reports/weekly/", "s3://acme-reports/weekly/?region=eu-west-3", "file:exports", "file:///srv/exports"})
  void aValidHostAndPortIsAccepted(String uri) {
    ExportDefinition definition = valid(ExportType.RAPID).destination(Destination.of(uri)).build();

    assertThat(definition.destination().uri()).hasToString(uri);
  }

  // ---------------------------------------------------------------- secrets

  @Test
  void toStringHoldsSecretReferencesButNoSecretValue() {
    // What the host's vault would resolve the references to: the definition never sees these.
    Map<String, String> hostVault = Map.of("vault:sftp/acme", "hunter2-sftp",
        "vault:pgp/signing-key", "-----BEGIN PGP PRIVATE KEY BLOCK-----", "vault:pgp/passphrase", "correct horse");
    ExportDefinition definition = fullyPopulated();

    String text = definition.toString();

    assertThat(text).contains(hostVault.keySet()).contains("acme@reports.example.org");
    assertThat(hostVault.values()).noneMatch(text::contains);
  }

  // ---------------------------------------------------------------- helpers

  private static ExportDefinition.Builder rapid() {
    return ExportDefinition.builder().type(ExportType.RAPID).operation("summer-quiz");
  }

  private static ExportDefinition.Builder custom() {
    return ExportDefinition.builder().type(ExportType.CUSTOM).operation("summer-quiz");
  }

  private static ExportDefinition.Builder global() {
    return ExportDefinition.builder().type(ExportType.GLOBAL).period(Q1);
  }

  private static ExportDefinition.Builder valid(ExportType type) {
    ExportDefinition.Builder builder = switch (type) {
      case RAPID -> rapid();
      case CUSTOM -> custom();
      case GLOBAL -> global();
    };
    return builder.name("weekly").destination(DESTINATION);
  }

  private static Trigger trigger(TriggerKind kind) {
    return switch (kind) {
      case IMMEDIATE -> Trigger.immediate();
      case PLANNED -> Trigger.planned(LocalDateTime.of(2026, 12, 1, 8, 0), PARIS);
      case AT_OPERATION_END -> Trigger.atOperationEnd(Duration.ofHours(1));
      case DAILY -> Trigger.daily(LocalTime.of(6, 30), PARIS);
      case WEEKLY -> Trigger.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 30), PARIS);
    };
  }

  private static ExportDefinition fullyPopulated() {
    return ExportDefinition.builder()
        .name("weekly-winners")
        .type(ExportType.CUSTOM)
        .operation("summer-instant-win")
        .content(Content.WINNERS)
        .fields(ExportField.of("email"), ExportField.of("prize").withLabel("Prize won").withPattern("#,##0"))
        .format(FormatSpec.of("csv", Map.of("delimiter", ";")))
        .compression("gzip")
        .naming("{export}_{seq}.{ext}")
        .zone(PARIS)
        .destination(Destination.of("sftp://acme@reports.example.org/out")
            .withOption("knownHosts", "/etc/ssh/known_hosts")
            .withSecret("password", SecretRef.of("vault:sftp/acme")))
        .trigger(Trigger.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 0), PARIS))
        .encryption(Encryption.to("-----BEGIN PGP PUBLIC KEY BLOCK-----")
            .withArmor(true)
            .signedWith(SecretRef.of("vault:pgp/signing-key"), SecretRef.of("vault:pgp/passphrase")))
        .build();
  }
}
