package io.exportkit.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.crypto.DecryptionResult;
import io.exportkit.crypto.TestKeys;
import io.exportkit.crypto.TestKeys.Key;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How often {@link MessageReader} unlocks our secret keys, which is the costly part of a passphrase-protected key. */
class MessageReaderTest {
  private static final TestKeys KEYS = TestKeys.get();
  private static final byte[] PLAINTEXT = "Id,E-mail\np1,ann@example.org\n".getBytes(StandardCharsets.UTF_8);

  /**
   * A message with 1000 anonymous-recipient (wildcard key ID) entries, as {@code gpg --throw-keyids}
   * writes them, all but the last for a stranger: every entry must be tried with each of our
   * encryption subkeys, but each of our keys is unlocked once for the whole message, not once per
   * entry (GnuPG's passphrase derivation hashes 65 MB: 1000 unlocks took 68 s of CPU).
   */
  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES) // only against a hang; the unlocks are counted, not timed
  void eachSecretKeyIsUnlockedOncePerMessageWhateverTheNumberOfAnonymousRecipients() throws Exception {
    byte[] message = toAnonymousRecipients(999, KEYS.stranger, KEYS.protectedKey);
    Map<String, Integer> unlocks = new ConcurrentHashMap<>();
    MessageReader reader = new MessageReader(
        Keys.readSecretKeys((KEYS.protectedKey.secretArmored() + KEYS.curve25519.secretArmored())
            .getBytes(StandardCharsets.UTF_8), "our keys"),
        KEYS.protectedKey.passphrase().toCharArray(), List.of(), new PlaintextLimit(100, Long.MAX_VALUE),
        (key, component, passphrase) -> {
          unlocks.merge(Keys.fingerprint(key), 1, Integer::sum);
          return Keys.unlock(key, component, passphrase);
        });
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    DecryptionResult result = reader.read(new ByteArrayInputStream(message), out);

    assertThat(out.toByteArray()).isEqualTo(PLAINTEXT);
    assertThat(result.keyFingerprint()).isEqualTo(KEYS.protectedKey.fingerprint());
    assertThat(unlocks).containsExactlyInAnyOrderEntriesOf(
        Map.of(KEYS.protectedKey.fingerprint(), 1, KEYS.curve25519.fingerprint(), 1));
  }

  /** {@code strangers} anonymous entries for {@code stranger}'s key, then one for {@code recipient}'s (Bouncy Castle). */
  private static byte[] toAnonymousRecipients(int strangers, Key stranger, Key recipient) throws Exception {
    PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(
        new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true));
    PGPPublicKey strangerKey = encryptionKey(stranger);
    for (int i = 0; i < strangers; i++) {
      generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(strangerKey).setUseWildcardRecipient(true));
    }
    generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(encryptionKey(recipient)).setUseWildcardRecipient(true));
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    try (OutputStream encrypted = generator.open(message, new byte[1 << 16]);
        OutputStream literal = new PGPLiteralDataGenerator().open(encrypted, PGPLiteralData.BINARY, "x", PLAINTEXT.length,
            new Date())) {
      literal.write(PLAINTEXT);
    }
    return message.toByteArray();
  }

  private static PGPPublicKey encryptionKey(Key key) throws Exception {
    return new OpenPGPKeyReader().parseCertificate(key.publicArmored()).getEncryptionKeys().get(0).getPGPPublicKey();
  }
}
