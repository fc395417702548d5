package io.exportkit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.exportkit.Destination;
import io.exportkit.Encryption;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportRun;
import io.exportkit.ExportService;
import io.exportkit.ExportType;
import io.exportkit.FieldDefinition;
import io.exportkit.FieldScope;
import io.exportkit.FieldType;
import io.exportkit.GameKind;
import io.exportkit.InvalidDefinitionException;
import io.exportkit.Operation;
import io.exportkit.RunOutcome;
import io.exportkit.SecretRef;
import io.exportkit.crypto.GnuPg.Result;
import io.exportkit.crypto.TestKeys.Key;
import io.exportkit.format.csv.CsvFormatWriterProvider;
import io.exportkit.testing.InMemoryOperationDirectory;
import io.exportkit.testing.InMemoryParticipantSource;
import io.exportkit.testing.InMemorySecretResolver;
import io.exportkit.testing.InMemoryTransport;
import io.exportkit.testing.InMemoryTransport.Delivery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Encryption configured on an export, run by the service: what is delivered, reported, or refused. */
class OpenPgpPipelineTest {
  private static final TestKeys KEYS = TestKeys.get();
  private static final Operation SUMMER = new Operation("summer", "Summer instant win", GameKind.INSTANT_WIN,
      Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-08-31T22:00:00Z"), List.of(
          new FieldDefinition("id", "Id", FieldType.STRING, FieldScope.PARTICIPANT),
          new FieldDefinition("email", "E-mail", FieldType.STRING, FieldScope.PARTICIPANT)));
  private static final String CSV = "Id,E-mail\r\np1,ann@example.org\r\np2,bob@example.org\r\n";

  private final InMemoryTransport transport = new InMemoryTransport();
  private final ExportService exports = ExportService.builder()
      .participantSource(InMemoryParticipantSource.builder()
          .operation(SUMMER.id())
          .participation(Map.of("id", "p1", "email", "ann@example.org", "participated_at", Instant.parse("2026-05-02T10:00:00Z")))
          .participation(Map.of("id", "p2", "email", "bob@example.org", "participated_at", Instant.parse("2026-05-03T10:00:00Z")))
          .build())
      .operationDirectory(InMemoryOperationDirectory.of(SUMMER))
      .secretResolver(InMemorySecretResolver.of()
          .with("our-signing-key", KEYS.protectedKey.secretArmored())
          .with("our-signing-passphrase", TestKeys.PASSPHRASE)
          .with("partner:curve", KEYS.curve25519.publicArmored()))
      .format(new CsvFormatWriterProvider())
      .transport(transport)
      .outputStage(new OpenPgpStageProvider())
      .build();

  private static ExportDefinition.Builder export(Encryption encryption) {
    return ExportDefinition.builder()
        .name("winners")
        .type(ExportType.RAPID)
        .operation(SUMMER.id())
        .format("csv")
        .naming("{export}.{ext}")
        .destination(Destination.of("memory:out"))
        .encryption(encryption);
  }

  private ExportRun run(ExportDefinition definition) {
    return exports.publish(exports.create(definition).id()).lastRun();
  }

  @Test
  void gpgDecryptsTheDeliveredFileAndTheRunNamesItsRecipients() {
    Encryption encryption = Encryption.to(KEYS.rsa.publicArmored(), "partner:curve")
        .signedWith(SecretRef.of("our-signing-key"), SecretRef.of("our-signing-passphrase"));

    ExportRun run = run(export(encryption).build());

    assertThat(run.outcome()).as(run.error()).isEqualTo(RunOutcome.SUCCEEDED);
    assertThat(run.fileName()).isEqualTo("winners.csv.gpg");
    assertThat(run.details()).containsEntry("recipients", KEYS.rsa.fingerprint() + "," + KEYS.curve25519.fingerprint());
    Delivery delivery = transport.deliveries().get(0);
    Result gpg = KEYS.gpg.decrypt(delivery.bytes(), "").ok();
    assertThat(new String(gpg.stdout(), StandardCharsets.UTF_8)).isEqualTo(CSV);
    assertThat(gpg.stderr()).contains("[GNUPG:] VALIDSIG " + KEYS.protectedKey.fingerprint());
    assertThat(gpg.stderr()).as("the literal data keeps the inner name").contains("[GNUPG:] PLAINTEXT 62 ")
        .contains("winners.csv");
  }

  @Test
  void anArmoredExportIsDeliveredAsAsc() {
    ExportRun run = run(export(Encryption.to("partner:curve").withArmor(true)).build());

    assertThat(run.fileName()).isEqualTo("winners.csv.asc");
    assertThat(transport.deliveries().get(0).text()).startsWith("-----BEGIN PGP MESSAGE-----");
  }

  @ParameterizedTest
  @EnumSource(value = OpenPgpStageProviderTest.Refused.class)
  void anUnusableRecipientIsRefusedWhenTheExportIsCreated(OpenPgpStageProviderTest.Refused refused) {
    Key key = refused.key();
    ExportDefinition definition = export(Encryption.to(KEYS.rsa.publicArmored(), key.publicArmored())).build();

    InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
        () -> exports.create(definition));

    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("encryption");
      assertThat(v.message()).contains("OpenPGP key " + key.fingerprint(), refused.says);
    });
    assertThat(transport.deliveries()).isEmpty();
    assertThat(transport.pending()).isZero();
  }

  @Test
  void aWrongSigningPassphraseIsRefusedWithoutSayingThePassphrase(@TempDir Path folder) throws Exception {
    ExportService withWrongPassphrase = ExportService.builder()
        .participantSource(InMemoryParticipantSource.builder().operation(SUMMER.id()).build())
        .operationDirectory(InMemoryOperationDirectory.of(SUMMER))
        .secretResolver(InMemorySecretResolver.of()
            .with("our-signing-key", KEYS.protectedKey.secretArmored())
            .with("our-signing-passphrase", "hunter2"))
        .format(new CsvFormatWriterProvider())
        .outputStage(new OpenPgpStageProvider())
        .build();
    Encryption encryption = Encryption.to(KEYS.rsa.publicArmored())
        .signedWith(SecretRef.of("our-signing-key"), SecretRef.of("our-signing-passphrase"));
    ExportDefinition toFolder = export(encryption).destination(Destination.of(folder.toUri())).build();

    InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
        () -> withWrongPassphrase.create(toFolder));

    assertThat(e).hasMessageContaining(KEYS.protectedKey.fingerprint()).hasMessageContaining("does not unlock it");
    assertThat(e.getMessage()).doesNotContain("hunter2");
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files).isEmpty();
    }
  }
}
