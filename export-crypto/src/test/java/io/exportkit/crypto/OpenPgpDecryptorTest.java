package io.exportkit.crypto;

import static io.exportkit.crypto.Messages.encrypt;
import static io.exportkit.crypto.Messages.plaintext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exportkit.Encryption;
import io.exportkit.SecretRef;
import io.exportkit.crypto.TestKeys.Key;
import io.exportkit.testing.InMemorySecretResolver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bouncycastle.bcpg.AEADAlgorithmTags;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentKey;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;
import org.bouncycastle.openpgp.operator.PGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way decryption can fail has its own exception, and nothing is released before the checks pass. */
class OpenPgpDecryptorTest {
  private static final TestKeys KEYS = TestKeys.get();
  private final byte[] plaintext = plaintext();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  @TempDir
  Path spool;

  private OpenPgpDecryptor.Builder decryptor(Key key) {
    return OpenPgpDecryptor.builder().secretKeys(key.secret()).passphrase(key.passphrase().toCharArray())
        .spoolDirectory(spool);
  }

  private byte[] encryptTo(Key key) {
    return encrypt(Encryption.to(key.publicArmored()), InMemorySecretResolver.of(), plaintext);
  }

  private byte[] encryptSignedBy(Key recipient, Key signer) {
    var secrets = InMemorySecretResolver.of().with("signing-key", signer.secretArmored());
    return encrypt(Encryption.to(recipient.publicArmored()).signedWith(SecretRef.of("signing-key"), null), secrets,
        plaintext);
  }

  @Test
  void aMessageForAnotherKeyIsNoMatchingKey() {
    byte[] message = encryptTo(KEYS.rsa);

    assertThatThrownBy(() -> decryptor(KEYS.stranger).build().decrypt(new ByteArrayInputStream(message), out))
        .isInstanceOfSatisfying(NoMatchingKeyException.class, e -> assertThat(e.recipientKeyIds()).hasSize(1))
        .hasMessageContaining("none of which is a secret key this decryptor holds [" + KEYS.stranger.fingerprint() + "]");
    assertThat(out.size()).isZero();
  }

  @Test
  void aWrongPassphraseIsWrongPassphrase() {
    byte[] message = encryptTo(KEYS.protectedKey);
    OpenPgpDecryptor decryptor = decryptor(KEYS.protectedKey).passphrase("Tr0ub4dor&3".toCharArray()).build();

    assertThatThrownBy(() -> decryptor.decrypt(new ByteArrayInputStream(message), out))
        .isInstanceOfSatisfying(WrongPassphraseException.class,
            e -> assertThat(e.fingerprint()).isEqualTo(KEYS.protectedKey.fingerprint()))
        .hasMessageContaining("does not unlock it")
        .hasMessageNotContaining("Tr0ub4dor");
    assertThat(out.size()).isZero();
  }

  @Test
  void aMissingPassphraseIsWrongPassphrase() {
    byte[] message = encryptTo(KEYS.protectedKey);
    OpenPgpDecryptor decryptor = OpenPgpDecryptor.builder().secretKeys(KEYS.protectedKey.secret()).build();

    assertThatThrownBy(() -> decryptor.decrypt(new ByteArrayInputStream(message), out))
        .isInstanceOf(WrongPassphraseException.class)
        .hasMessageContaining("none was given");
  }

  @Test
  void theRightPassphraseUnlocksAProtectedKey() {
    byte[] message = encryptTo(KEYS.protectedKey);

    assertThat(Messages.decrypt(decryptor(KEYS.protectedKey).build(), message)).isEqualTo(plaintext);
  }

  @Test
  void binarySecretKeysAndKeyringsAreRead() {
    byte[] keyring = KEYS.gpg.run("--passphrase", "", "--export-secret-keys", KEYS.stranger.fingerprint(),
        KEYS.rsa.fingerprint()).ok().stdout();
    byte[] message = encryptTo(KEYS.rsa);

    assertThat(Messages.decrypt(OpenPgpDecryptor.builder().secretKeys(keyring).build(), message)).isEqualTo(plaintext);
  }

  @Test
  void aFlippedByteFailsTheIntegrityCheckAndReleasesNothing() {
    byte[] message = encryptTo(KEYS.curve25519);
    message[message.length / 2] ^= 0x01;

    assertThatThrownBy(() -> decryptor(KEYS.curve25519).build().decrypt(new ByteArrayInputStream(message), out))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining("fails its integrity check");
    assertThat(out.size()).isZero();
  }

  @Test
  void aFlippedByteNearTheEndFailsTheIntegrityCheck() {
    byte[] message = encryptTo(KEYS.rsa);
    message[message.length - 30] ^= 0x40;

    assertThatThrownBy(() -> Messages.decrypt(decryptor(KEYS.rsa).build(), message))
        .isInstanceOf(IntegrityException.class);
  }

  @Test
  void streamingModeReleasesAsItGoesAndStillFailsOnTampering() {
    byte[] message = encryptTo(KEYS.curve25519);
    message[message.length - 100] ^= 0x01;

    assertThatThrownBy(() -> decryptor(KEYS.curve25519).build().decryptStreaming(new ByteArrayInputStream(message), out))
        .isInstanceOf(IntegrityException.class);
    assertThat(out.size()).as("released before the check, as documented").isPositive();
  }

  @Test
  void aSignatureByAnUntrustedKeyIsUntrustedSignerAndReleasesNothing() {
    byte[] message = encryptSignedBy(KEYS.curve25519, KEYS.stranger);
    OpenPgpDecryptor decryptor = decryptor(KEYS.curve25519).verifyingKeys(KEYS.rsa.publicKey()).build();

    assertThatThrownBy(() -> decryptor.decrypt(new ByteArrayInputStream(message), out))
        .isInstanceOfSatisfying(UntrustedSignerException.class,
            e -> assertThat(e.signerKeyIds()).singleElement().satisfies(id -> assertThat(id).isIn(
                KEYS.stranger.fingerprint(), KEYS.stranger.fingerprint().substring(24))))
        .hasMessageContaining("none of which is a trusted key [" + KEYS.rsa.fingerprint() + "]");
    assertThat(out.size()).isZero();
  }

  @Test
  void anUnsignedMessageIsRefusedWhenASignatureIsRequired() {
    byte[] message = encryptTo(KEYS.curve25519);
    OpenPgpDecryptor decryptor = decryptor(KEYS.curve25519).verifyingKeys(KEYS.curve25519.publicKey()).build();

    assertThatThrownBy(() -> decryptor.decrypt(new ByteArrayInputStream(message), out))
        .isInstanceOfSatisfying(UntrustedSignerException.class, e -> assertThat(e.signerKeyIds()).isEmpty())
        .hasMessageContaining("not signed");
    assertThat(out.size()).isZero();
  }

  @Test
  void aSignatureThatDoesNotMatchTheContentIsBadSignature() throws Exception {
    byte[] message = signedOverOtherBytes(KEYS.curve25519);
    OpenPgpDecryptor decryptor = decryptor(KEYS.curve25519).verifyingKeys(KEYS.curve25519.publicKey()).build();

    assertThatThrownBy(() -> decryptor.decrypt(new ByteArrayInputStream(message), out))
        .isInstanceOfSatisfying(BadSignatureException.class,
            e -> assertThat(e.signerFingerprint()).isEqualTo(KEYS.curve25519.fingerprint()))
        .hasMessageContaining("does not match the content");
    assertThat(out.size()).isZero();
  }

  @Test
  void aMessageWithoutIntegrityProtectionIsRefused() throws Exception {
    byte[] message = craft(KEYS.curve25519, new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
        .setWithIntegrityPacket(false));

    assertThatThrownBy(() -> decryptor(KEYS.curve25519).build().decrypt(new ByteArrayInputStream(message), out))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining("no integrity protection");
    assertThat(out.size()).isZero();
  }

  @Test
  void gnuPg24sOcbPacketIsRefusedWithAMessageThatSaysSo() throws Exception {
    byte[] message = craft(KEYS.curve25519, new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
        .setWithAEAD(AEADAlgorithmTags.OCB, 16).setUseV5AEAD());

    assertThatThrownBy(() -> decryptor(KEYS.curve25519).build().decrypt(new ByteArrayInputStream(message), out))
        .isInstanceOf(UnsupportedMessageException.class)
        .hasMessageContaining("OCB")
        .hasMessageContaining("GnuPG 2.4");
  }

  @Test
  void inputThatIsNotAnOpenPgpMessageSaysSo() {
    byte[] notAMessage = "Id,E-mail\np1,ann@example.org\n".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> decryptor(KEYS.rsa).build().decrypt(new ByteArrayInputStream(notAMessage), out))
        .isExactlyInstanceOf(EncryptionException.class)
        .hasMessageContaining("not");
  }

  @Test
  void aFailureToReadTheInputReachesTheCallerAsItIs() {
    byte[] message = encryptTo(KEYS.rsa);
    IOException broken = new IOException("connection reset");
    InputStream failing = new InputStream() {
      private final InputStream in = new ByteArrayInputStream(message, 0, message.length / 2);

      @Override
      public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
          throw broken;
        }
        return b;
      }
    };

    assertThatThrownBy(() -> decryptor(KEYS.rsa).build().decrypt(failing, out)).isSameAs(broken);
    assertThat(out.size()).isZero();
  }

  @Test
  void theSpoolIsDeletedAfterSuccessAndAfterFailure() throws Exception {
    byte[] good = encryptTo(KEYS.rsa);
    byte[] bad = good.clone();
    bad[bad.length / 2] ^= 0x01;
    OpenPgpDecryptor decryptor = decryptor(KEYS.rsa).build();

    decryptor.decrypt(new ByteArrayInputStream(good), OutputStream.nullOutputStream());
    assertThatThrownBy(() -> decryptor.decrypt(new ByteArrayInputStream(bad), OutputStream.nullOutputStream()))
        .isInstanceOf(IntegrityException.class);

    try (Stream<Path> left = Files.list(spool)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void theTargetFileAppearsOnlyWhenEveryCheckPassed(@TempDir Path dir) throws Exception {
    byte[] message = encryptTo(KEYS.rsa);
    Path good = Files.write(dir.resolve("good.gpg"), message);
    message[message.length / 2] ^= 0x01;
    Path bad = Files.write(dir.resolve("bad.gpg"), message);
    OpenPgpDecryptor decryptor = decryptor(KEYS.rsa).build();

    DecryptionResult result = decryptor.decrypt(good, dir.resolve("good.csv"));
    assertThatThrownBy(() -> decryptor.decrypt(bad, dir.resolve("bad.csv"))).isInstanceOf(IntegrityException.class);

    assertThat(dir.resolve("good.csv")).hasBinaryContent(plaintext);
    assertThat(result.fileName()).isEqualTo(Messages.FILE_NAME);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("good.gpg", "bad.gpg", "good.csv");
    }
  }

  @Test
  void aDecompressionBombIsStoppedAtTheLimitAndReleasesNothing() throws Exception {
    byte[] bomb = bomb(KEYS.curve25519, BOMB_SIZE);
    OpenPgpDecryptor decryptor = decryptor(KEYS.curve25519).build();

    assertThatThrownBy(() -> decryptor.decrypt(new ByteArrayInputStream(bomb), out))
        .isInstanceOfSatisfying(PlaintextTooLargeException.class,
            e -> assertThat(e.limit()).isLessThanOrEqualTo(100L * bomb.length))
        .hasMessageContaining("100 times")
        .hasMessageContaining("maxExpansion(");
    assertThat(out.size()).isZero();
    try (Stream<Path> left = Files.list(spool)) {
      assertThat(left).as("spool").isEmpty();
    }
  }

  @Test
  void aDecompressionBombLeavesNoFileBehind(@TempDir Path dir) throws Exception {
    Path bomb = Files.write(dir.resolve("bomb.gpg"), bomb(KEYS.curve25519, BOMB_SIZE));

    assertThatThrownBy(() -> decryptor(KEYS.curve25519).build().decrypt(bomb, dir.resolve("bomb.csv")))
        .isInstanceOf(PlaintextTooLargeException.class);

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("bomb.gpg");
    }
  }

  @Test
  void theLimitsCanBeRaisedOrTightened() throws Exception {
    byte[] bomb = bomb(KEYS.curve25519, BOMB_SIZE);
    byte[] message = encryptTo(KEYS.curve25519);

    DecryptionResult inflated = decryptor(KEYS.curve25519).maxExpansion(100_000).build()
        .decryptStreaming(new ByteArrayInputStream(bomb), OutputStream.nullOutputStream());
    assertThat(inflated.size()).isEqualTo(BOMB_SIZE);

    assertThat(decryptor(KEYS.curve25519).maxPlaintextSize(plaintext.length).build()
        .decrypt(new ByteArrayInputStream(message), out).size()).isEqualTo(plaintext.length);
    assertThatThrownBy(() -> decryptor(KEYS.curve25519).maxPlaintextSize(plaintext.length - 1).build()
        .decrypt(new ByteArrayInputStream(message), OutputStream.nullOutputStream()))
        .isInstanceOfSatisfying(PlaintextTooLargeException.class, e -> assertThat(e.limit()).isEqualTo(plaintext.length - 1))
        .hasMessageContaining("maxPlaintextSize(");
    assertThatThrownBy(() -> OpenPgpDecryptor.builder().maxExpansion(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thePathFormWritesThePlaintextOnceWithoutASpool(@TempDir Path dir) throws Exception {
    Path message = Files.write(dir.resolve("in.gpg"), encryptTo(KEYS.rsa));
    OpenPgpDecryptor decryptor = decryptor(KEYS.rsa).spoolDirectory(dir.resolve("no spool here")).build();

    decryptor.decrypt(message, dir.resolve("in.csv"));

    assertThat(dir.resolve("in.csv")).hasBinaryContent(plaintext);
  }

  /**
   * A message cut anywhere, as a broken transfer leaves it, says it is truncated: never Bouncy
   * Castle's "Exception creating cipher" (cut where the encrypted data begins) nor "premature end
   * of stream in PartialInputStream".
   */
  @Test
  void aTruncatedMessageSaysSo() {
    byte[] message = KEYS.gpg.run(plaintext, "--passphrase", "", "--recipient", KEYS.curve25519.fingerprint(),
        "--encrypt").ok().stdout();
    OpenPgpDecryptor decryptor = decryptor(KEYS.curve25519).build();
    List<Integer> cuts = new ArrayList<>(IntStream.range(1, 200).boxed().toList());
    cuts.addAll(List.of(message.length / 2, message.length - 1));

    for (int cut : cuts) {
      byte[] truncated = Arrays.copyOf(message, cut);
      assertThatThrownBy(() -> decryptor.decrypt(new ByteArrayInputStream(truncated), out))
          .as("cut after %d of %d bytes", cut, message.length)
          .isInstanceOf(EncryptionException.class)
          .hasMessageContaining("truncated")
          .hasMessageNotContaining("Exception creating cipher")
          .hasMessageNotContaining("PartialInputStream");
    }
    assertThat(out.size()).isZero();
  }

  @Test
  void aDecryptorNeedsASecretKey() {
    assertThatThrownBy(() -> OpenPgpDecryptor.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("secretKeys");
  }

  @Test
  void aPublicKeyIsNotASecretKey() {
    assertThatThrownBy(() -> OpenPgpDecryptor.builder().secretKeys(KEYS.rsa.publicKey()))
        .isInstanceOf(EncryptionException.class)
        .hasMessageContaining("secret key");
  }

  /** A one-pass signed message to {@code key}, signed by it over other bytes than the content. */
  private byte[] signedOverOtherBytes(Key key) throws Exception {
    OpenPGPKey secret = new OpenPGPKeyReader().parseKey(key.secretArmored());
    OpenPGPComponentKey signing = secret.getSigningKeys(new Date()).get(0);
    PGPSignatureGenerator signature = new PGPSignatureGenerator(
        new BcPGPContentSignerBuilder(signing.getAlgorithm(), HashAlgorithmTags.SHA256), signing.getPGPPublicKey());
    signature.init(PGPSignature.BINARY_DOCUMENT, secret.getSecretKey(signing).unlock().getKeyPair().getPrivateKey());
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    try (OutputStream encrypted = open(key, new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256), message)) {
      signature.generateOnePassVersion(false).encode(encrypted);
      try (OutputStream literal = new PGPLiteralDataGenerator().open(encrypted, PGPLiteralData.BINARY, "x", plaintext.length,
          new Date())) {
        literal.write(plaintext);
      }
      signature.update("other bytes".getBytes(StandardCharsets.UTF_8));
      signature.generate().encode(encrypted);
    }
    return message.toByteArray();
  }

  /** 64 MiB: a bomb of zeros compresses to about 64 KiB. */
  private static final long BOMB_SIZE = 64L << 20;

  /** A message to {@code key} whose {@code size} zeros are compressed at level 9 (ZLIB), built with Bouncy Castle. */
  private static byte[] bomb(Key key, long size) throws Exception {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 16];
    PGPCompressedDataGenerator compression = new PGPCompressedDataGenerator(CompressionAlgorithmTags.ZLIB, 9);
    try (OutputStream encrypted = open(key, new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
        .setWithIntegrityPacket(true), message);
        OutputStream compressed = compression.open(encrypted, new byte[1 << 16]);
        OutputStream literal = new PGPLiteralDataGenerator().open(compressed, PGPLiteralData.BINARY, "zeros.csv",
            new Date(), new byte[1 << 16])) {
      for (long written = 0; written < size; written += zeros.length) {
        literal.write(zeros);
      }
    }
    return message.toByteArray();
  }

  /** An unsigned message to {@code key} with the given data encryptor. */
  private byte[] craft(Key key, PGPDataEncryptorBuilder data) throws Exception {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    try (OutputStream encrypted = open(key, data, message);
        OutputStream literal = new PGPLiteralDataGenerator().open(encrypted, PGPLiteralData.BINARY, "x", plaintext.length,
            new Date())) {
      literal.write(plaintext);
    }
    return message.toByteArray();
  }

  private static OutputStream open(Key key, PGPDataEncryptorBuilder data, OutputStream out) throws Exception {
    var cert = new OpenPGPKeyReader().parseCertificate(key.publicArmored());
    PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(data);
    generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(cert.getEncryptionKeys().get(0).getPGPPublicKey()));
    return generator.open(out, new byte[1 << 16]);
  }

}
