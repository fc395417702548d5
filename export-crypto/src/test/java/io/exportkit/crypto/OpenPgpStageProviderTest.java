package io.exportkit.crypto;

import static io.exportkit.crypto.Messages.FILE_NAME;
import static io.exportkit.crypto.Messages.definition;
import static io.exportkit.crypto.Messages.encrypt;
import static io.exportkit.crypto.Messages.plaintext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exportkit.Encryption;
import io.exportkit.SecretRef;
import io.exportkit.SecretResolver;
import io.exportkit.crypto.TestKeys.Key;
import io.exportkit.crypto.UnusableKeyException.Reason;
import io.exportkit.spi.OutputStage;
import io.exportkit.spi.OutputStageProvider;
import io.exportkit.spi.StageContext;
import io.exportkit.testing.InMemorySecretResolver;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.bouncycastle.bcpg.SymmetricEncIntegrityPacket;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The stage: which keys it takes, how it finds them, what it writes and reports. */
class OpenPgpStageProviderTest {
  private static final TestKeys KEYS = TestKeys.get();
  private final OpenPgpStageProvider provider = new OpenPgpStageProvider();
  private final byte[] plaintext = plaintext();

  enum Refused {
    EXPIRED(Reason.EXPIRED, "expired on 2020-01-02"),
    REVOKED(Reason.REVOKED, "was revoked"),
    REVOKED_SUBKEY(Reason.REVOKED, "subkey"),
    SIGN_ONLY(Reason.NOT_FOR_ENCRYPTION, "sign-only");

    final Reason reason;
    final String says;

    Refused(Reason reason, String says) {
      this.reason = reason;
      this.says = says;
    }

    Key key() {
      return switch (this) {
        case EXPIRED -> KEYS.expired;
        case REVOKED -> KEYS.revoked;
        case REVOKED_SUBKEY -> KEYS.revokedSubkey;
        case SIGN_ONLY -> KEYS.signOnly;
      };
    }
  }

  private OutputStage create(Encryption encryption, SecretResolver secrets) {
    return provider.create(new StageContext(definition(encryption), FILE_NAME, secrets));
  }

  @ParameterizedTest
  @EnumSource(Refused.class)
  void anUnusableRecipientKeyIsRefusedWithItsFingerprintAndTheReason(Refused refused) {
    Key key = refused.key();

    assertThatThrownBy(() -> create(Encryption.to(KEYS.rsa.publicArmored(), key.publicArmored()), SecretResolver.NONE))
        .isInstanceOfSatisfying(UnusableKeyException.class, e -> {
          assertThat(e.fingerprint()).isEqualTo(key.fingerprint());
          assertThat(e.reason()).isEqualTo(refused.reason);
        })
        .hasMessageContaining("OpenPGP key " + key.fingerprint())
        .hasMessageContaining(refused.says);
  }

  @Test
  void validationReportsEveryUnusableKeyWithoutRunning() {
    Encryption encryption = Encryption.to(KEYS.expired.publicArmored(), KEYS.rsa.publicArmored(), "file:/nowhere/key.asc",
        KEYS.signOnly.publicArmored());

    var problems = provider.validate(definition(encryption), SecretResolver.NONE);

    assertThat(problems).hasSize(3);
    assertThat(problems.get(0)).contains(KEYS.expired.fingerprint(), "expired");
    assertThat(problems.get(1)).contains("/nowhere/key.asc", "does not exist");
    assertThat(problems.get(2)).contains(KEYS.signOnly.fingerprint(), "sign-only");
  }

  @Test
  void validationAcceptsUsableKeysAndAnUnlockableSigningKey() {
    Encryption encryption = Encryption.to(KEYS.rsa.publicArmored())
        .signedWith(SecretRef.of("signing-key"), SecretRef.of("signing-passphrase"));
    SecretResolver secrets = InMemorySecretResolver.of()
        .with("signing-key", KEYS.protectedKey.secretArmored())
        .with("signing-passphrase", TestKeys.PASSPHRASE);

    assertThat(provider.validate(definition(encryption), secrets)).isEmpty();
  }

  @Test
  void validationNamesASigningKeyTheResolverDoesNotKnow() {
    Encryption encryption = Encryption.to(KEYS.rsa.publicArmored()).signedWith(SecretRef.of("vault:missing"), null);

    assertThat(provider.validate(definition(encryption), SecretResolver.NONE))
        .singleElement().asString().contains("'vault:missing'");
  }

  @Test
  void aWrongSigningPassphraseIsWrongPassphrase() {
    Encryption encryption = Encryption.to(KEYS.rsa.publicArmored())
        .signedWith(SecretRef.of("signing-key"), SecretRef.of("signing-passphrase"));
    SecretResolver secrets = InMemorySecretResolver.of()
        .with("signing-key", KEYS.protectedKey.secretArmored())
        .with("signing-passphrase", "not it");

    assertThatThrownBy(() -> create(encryption, secrets))
        .isInstanceOfSatisfying(WrongPassphraseException.class,
            e -> assertThat(e.fingerprint()).isEqualTo(KEYS.protectedKey.fingerprint()))
        .hasMessageNotContaining("not it");
  }

  /**
   * {@code gpg --export-secret-subkeys} leaves the primary key's secret out (a "stub"): a signing
   * key exported so cannot sign, and the message says that, not that a passphrase is missing.
   */
  @Test
  void aSigningKeyWithoutItsSecretPartSaysHowToExportIt() {
    String stub = KEYS.gpg.run("--passphrase", "", "--armor", "--export-secret-subkeys", KEYS.curve25519.fingerprint())
        .ok().out();
    Encryption encryption = Encryption.to(KEYS.rsa.publicArmored()).signedWith(SecretRef.of("signing-key"), null);
    SecretResolver secrets = InMemorySecretResolver.of().with("signing-key", stub);

    assertThatThrownBy(() -> create(encryption, secrets))
        .isExactlyInstanceOf(EncryptionException.class)
        .hasMessageContaining(KEYS.curve25519.fingerprint())
        .hasMessageContaining("no secret part")
        .hasMessageContaining("gpg --armor --export-secret-keys " + KEYS.curve25519.fingerprint())
        .hasMessageNotContaining("passphrase");
    assertThat(provider.validate(definition(encryption), secrets)).singleElement().asString().contains("no secret part");
  }

  @Test
  void aSignOnlyKeySigns() {
    Encryption encryption = Encryption.to(KEYS.rsa.publicArmored()).signedWith(SecretRef.of("signing-key"), null);
    SecretResolver secrets = InMemorySecretResolver.of().with("signing-key", KEYS.signOnly.secretArmored());

    byte[] message = encrypt(encryption, secrets, plaintext);

    assertThat(Messages.decrypt(OpenPgpDecryptor.builder().secretKeys(KEYS.rsa.secret())
        .verifyingKeys(KEYS.signOnly.publicKey()).build(), message)).isEqualTo(plaintext);
  }

  @Test
  void recipientsMayBeSecretNamesOrKeyFilesArmoredOrBinary(@TempDir Path dir) throws Exception {
    Path binary = Files.write(dir.resolve("curve.gpg"), KEYS.curve25519.publicBinary());
    Path armored = Files.writeString(dir.resolve("protected.asc"), KEYS.protectedKey.publicArmored());
    SecretResolver secrets = InMemorySecretResolver.of().with("partner:acme", KEYS.rsa.publicArmored());
    Encryption encryption = Encryption.to("partner:acme", binary.toUri().toString(), "file:" + armored);

    OutputStage stage = create(encryption, secrets);

    assertThat(stage.details()).containsEntry("recipients",
        KEYS.rsa.fingerprint() + "," + KEYS.curve25519.fingerprint() + "," + KEYS.protectedKey.fingerprint());
  }

  @Test
  void aKeyringGivesEveryKeyInItAsARecipient() {
    String keyring = new String(KEYS.gpg.run("--armor", "--export", KEYS.rsa.fingerprint(), KEYS.curve25519.fingerprint())
        .ok().stdout(), StandardCharsets.UTF_8);

    OutputStage stage = create(Encryption.to(keyring), SecretResolver.NONE);

    assertThat(stage.details().get("recipients").split(","))
        .containsExactlyInAnyOrder(KEYS.rsa.fingerprint(), KEYS.curve25519.fingerprint());
  }

  @Test
  void anUnknownRecipientNameSaysWhatToFix() {
    assertThatThrownBy(() -> create(Encryption.to("partner:unknown"), SecretResolver.NONE))
        .isExactlyInstanceOf(EncryptionException.class)
        .hasMessageContaining("'partner:unknown'")
        .hasMessageContaining("SecretResolver");
  }

  @Test
  void somethingThatIsNotAKeySaysSo() {
    SecretResolver secrets = InMemorySecretResolver.of().with("partner:acme", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnope");

    assertThatThrownBy(() -> create(Encryption.to("partner:acme"), secrets))
        .isInstanceOf(EncryptionException.class)
        .hasMessageContaining("recipient 'partner:acme' is not a readable OpenPGP public key");
  }

  @Test
  void binaryOutputIsGpgAndArmoredOutputIsAsc() {
    Encryption binary = Encryption.to(KEYS.rsa.publicArmored());

    assertThat(create(binary, SecretResolver.NONE).extension()).isEqualTo("gpg");
    assertThat(create(binary.withArmor(true), SecretResolver.NONE).extension()).isEqualTo("asc");
    assertThat(create(binary, SecretResolver.NONE).replacesExtension()).isFalse();
  }

  @Test
  void compressionInsideTheMessageIsOptional() {
    byte[] text = new String(plaintext, 0, 100_000, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1);
    Encryption encryption = Encryption.to(KEYS.rsa.publicArmored());
    OpenPgpStageProvider compressing = new OpenPgpStageProvider(OpenPgpOptions.defaults().withCompression(true));

    byte[] plain = encrypt(provider, encryption, SecretResolver.NONE, text);
    byte[] compressed = encrypt(compressing, encryption, SecretResolver.NONE, text);

    assertThat(compressed.length).isLessThan(plain.length / 4);
    assertThat(KEYS.gpg.decrypt(compressed, "").ok().stdout()).isEqualTo(text);
    assertThat(Messages.decrypt(OpenPgpDecryptor.builder().secretKeys(KEYS.rsa.secret()).build(), compressed))
        .isEqualTo(text);
  }

  @Test
  void keysThatDoNotAnnounceSeipdV2GetSeipdV1() throws Exception {
    byte[] message = encrypt(Encryption.to(KEYS.curve25519.publicArmored()), SecretResolver.NONE, plaintext);

    assertThat(seipdVersion(message)).isEqualTo(1);
  }

  @Test
  void keysThatAllAnnounceSeipdV2GetAeadAndWeDecryptIt() throws Exception {
    OpenPGPKey modern = new BcOpenPGPApi().generateKey().ed25519x25519Key("Modern <modern@example.org>").build();
    String modernPublic = modern.toCertificate().toAsciiArmoredString();

    byte[] message = encrypt(Encryption.to(modernPublic), SecretResolver.NONE, plaintext);
    byte[] mixed = encrypt(Encryption.to(modernPublic, KEYS.rsa.publicArmored()), SecretResolver.NONE, plaintext);

    assertThat(seipdVersion(message)).isEqualTo(2);
    assertThat(seipdVersion(mixed)).as("one recipient reads only v1").isEqualTo(1);
    OpenPgpDecryptor decryptor = OpenPgpDecryptor.builder()
        .secretKeys(modern.toAsciiArmoredString().getBytes(StandardCharsets.UTF_8)).build();
    assertThat(Messages.decrypt(decryptor, message)).isEqualTo(plaintext);
    assertThat(Messages.decrypt(decryptor, mixed)).isEqualTo(plaintext);
  }

  @Test
  void aDamagedAeadMessageFailsItsIntegrityCheck() throws Exception {
    OpenPGPKey modern = new BcOpenPGPApi().generateKey().ed25519x25519Key("Modern <modern@example.org>").build();
    byte[] message = encrypt(Encryption.to(modern.toCertificate().toAsciiArmoredString()), SecretResolver.NONE, plaintext);
    message[message.length / 2] ^= 0x01;
    OpenPgpDecryptor decryptor = OpenPgpDecryptor.builder()
        .secretKeys(modern.toAsciiArmoredString().getBytes(StandardCharsets.UTF_8)).build();

    assertThatThrownBy(() -> Messages.decrypt(decryptor, message)).isInstanceOf(IntegrityException.class);
  }

  @Test
  void theProviderIsDiscoveredUnderItsId() {
    assertThat(ServiceLoader.load(OutputStageProvider.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(p -> assertThat(p).isInstanceOf(OpenPgpStageProvider.class).extracting(OutputStageProvider::id)
            .isEqualTo("openpgp"));
  }

  private static int seipdVersion(byte[] message) throws Exception {
    var factory = new BcPGPObjectFactory(PGPUtil.getDecoderStream(new ByteArrayInputStream(message)));
    PGPEncryptedDataList list = (PGPEncryptedDataList) factory.nextObject();
    return ((SymmetricEncIntegrityPacket) list.get(0).getEncData()).getVersion();
  }
}
