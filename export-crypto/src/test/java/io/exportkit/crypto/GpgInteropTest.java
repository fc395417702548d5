package io.exportkit.crypto;

import static io.exportkit.crypto.Messages.encrypt;
import static io.exportkit.crypto.Messages.plaintext;
import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.Encryption;
import io.exportkit.SecretRef;
import io.exportkit.crypto.GnuPg.Result;
import io.exportkit.crypto.TestKeys.Key;
import io.exportkit.testing.InMemorySecretResolver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Both directions against the real gpg: what we write, gpg reads; what gpg writes, we read. */
class GpgInteropTest {
  private static final TestKeys KEYS = TestKeys.get();
  private final byte[] plaintext = plaintext();

  static Stream<Arguments> variants() {
    List<Arguments> variants = new ArrayList<>();
    for (String key : List.of("RSA-3072", "Curve25519")) {
      for (boolean armor : List.of(false, true)) {
        for (boolean signed : List.of(false, true)) {
          variants.add(Arguments.of(key, armor, signed));
        }
      }
    }
    return variants.stream();
  }

  private static Key key(String name) {
    return name.equals("RSA-3072") ? KEYS.rsa : KEYS.curve25519;
  }

  @ParameterizedTest(name = "{0}, armored {1}, signed {2}")
  @MethodSource("variants")
  void gpgDecryptsOurMessageToTheExactPlaintextAndVerifiesItsSignature(String keyName, boolean armor, boolean signed) {
    Key key = key(keyName);
    Encryption encryption = Encryption.to(key.publicArmored()).withArmor(armor);
    if (signed) {
      encryption = encryption.signedWith(SecretRef.of("our-signing-key"), null);
    }
    var secrets = InMemorySecretResolver.of().with("our-signing-key", key.secretArmored());

    byte[] message = encrypt(encryption, secrets, plaintext);

    Result gpg = KEYS.gpg.decrypt(message, "").ok();
    assertThat(gpg.stdout()).isEqualTo(plaintext);
    assertThat(gpg.stderr()).as("AES-256 (9) with the SHA-1 modification detection code (2)")
        .contains("[GNUPG:] DECRYPTION_INFO 2 9");
    assertThat(new String(message, 0, 27, StandardCharsets.US_ASCII).equals("-----BEGIN PGP MESSAGE-----"))
        .isEqualTo(armor);
    if (signed) {
      assertThat(gpg.stderr()).contains("[GNUPG:] GOODSIG").contains("[GNUPG:] VALIDSIG " + key.fingerprint());
    } else {
      assertThat(gpg.stderr()).doesNotContain("SIG ");
    }
  }

  @Test
  void eachOfTwoRecipientsDecryptsTheSameMessageWithOnlyItsOwnKey(@TempDir Path homes) {
    Encryption encryption = Encryption.to(KEYS.rsa.publicArmored(), KEYS.curve25519.publicArmored());

    byte[] message = encrypt(encryption, InMemorySecretResolver.of(), plaintext);

    for (Key key : List.of(KEYS.rsa, KEYS.curve25519)) {
      try (GnuPg alone = GnuPg.in(homes.resolve(key.fingerprint()))) {
        alone.importKeys(key.secret());
        assertThat(alone.decrypt(message, "").ok().stdout()).as(key.fingerprint()).isEqualTo(plaintext);
      }
    }
  }

  @ParameterizedTest(name = "{0}, armored {1}, signed {2}")
  @MethodSource("variants")
  void weDecryptWhatGpgEncryptsAndVerifyWhatItSigns(String keyName, boolean armor, boolean signed) throws Exception {
    Key key = key(keyName);
    List<String> args = new ArrayList<>(List.of("--passphrase", "", "--recipient", key.fingerprint()));
    if (armor) {
      args.add("--armor");
    }
    if (signed) {
      args.addAll(List.of("--local-user", key.fingerprint(), "--sign"));
    }
    args.add("--encrypt");
    byte[] message = KEYS.gpg.run(plaintext, args.toArray(String[]::new)).ok().stdout();
    OpenPgpDecryptor.Builder builder = OpenPgpDecryptor.builder().secretKeys(key.secret());
    if (signed) {
      builder.verifyingKeys(key.publicKey());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    DecryptionResult result = builder.build().decrypt(new ByteArrayInputStream(message), out);

    assertThat(out.toByteArray()).isEqualTo(plaintext);
    assertThat(result.keyFingerprint()).isEqualTo(key.fingerprint());
    assertThat(result.size()).isEqualTo(plaintext.length);
    assertThat(result.signerFingerprint()).isEqualTo(signed ? key.fingerprint() : null);
  }

  /**
   * GnuPG 2.2 still encrypts with the ciphers a key's preferences or {@code --cipher-algo} name;
   * those the JDK lacks (Camellia, Twofish, CAST5, IDEA) are decrypted too, not refused with
   * "Cannot find any provider supporting Camellia/CFB/NoPadding".
   */
  @ParameterizedTest
  @ValueSource(strings = {"AES", "AES192", "AES256", "CAMELLIA128", "CAMELLIA256", "TWOFISH", "CAST5", "IDEA", "3DES",
      "BLOWFISH"})
  void weDecryptEveryCipherGpgEncryptsWith(String cipher) throws Exception {
    byte[] message = KEYS.gpg.run(plaintext, "--passphrase", "", "--cipher-algo", cipher, "--recipient",
        KEYS.curve25519.fingerprint(), "--encrypt").ok().stdout();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    OpenPgpDecryptor.builder().secretKeys(KEYS.curve25519.secret()).build().decrypt(new ByteArrayInputStream(message), out);

    assertThat(out.toByteArray()).isEqualTo(plaintext);
  }

  @Test
  void weVerifyWhatGpgSignsWithAnotherKeyThanItEncryptsTo() throws Exception {
    byte[] message = KEYS.gpg.run(plaintext, "--passphrase", "", "--recipient", KEYS.curve25519.fingerprint(),
        "--local-user", KEYS.rsa.fingerprint(), "--sign", "--encrypt").ok().stdout();
    OpenPgpDecryptor decryptor = OpenPgpDecryptor.builder()
        .secretKeys(KEYS.curve25519.secret())
        .verifyingKeys(KEYS.rsa.publicBinary())
        .build();

    DecryptionResult result = decryptor.decrypt(new ByteArrayInputStream(message), new ByteArrayOutputStream());

    assertThat(result.signerFingerprint()).isEqualTo(KEYS.rsa.fingerprint());
    assertThat(result.keyFingerprint()).isEqualTo(KEYS.curve25519.fingerprint());
  }
}
