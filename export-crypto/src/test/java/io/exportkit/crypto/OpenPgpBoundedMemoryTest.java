package io.exportkit.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.Encryption;
import io.exportkit.SecretRef;
import io.exportkit.spi.StageContext;
import io.exportkit.testing.InMemorySecretResolver;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB export encrypted and signed by the stage, then decrypted and verified in the default
 * (spooling) mode, in a JVM with a 64 MiB heap: neither side holds the file in memory. Surefire
 * runs this class alone with {@code -Xmx64m} (see the pom).
 */
class OpenPgpBoundedMemoryTest {
  private static final long SIZE = 1L << 30;
  private static final int CHUNK = 64 * 1024;

  @Test
  void aGibibyteRoundTripsThroughA64MibHeap(@TempDir Path dir) throws Exception {
    assertThat(Runtime.getRuntime().maxMemory()).as("run with -Xmx64m").isLessThanOrEqualTo(64L << 20);
    TestKeys keys = TestKeys.get();
    Encryption encryption = Encryption.to(keys.curve25519.publicArmored()).signedWith(SecretRef.of("signing-key"), null);
    var secrets = InMemorySecretResolver.of().with("signing-key", keys.curve25519.secretArmored());
    Path message = dir.resolve("export.csv.gpg");
    MessageDigest written = MessageDigest.getInstance("SHA-256");

    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(message), CHUNK);
        OutputStream out = new DigestOutputStream(new OpenPgpStageProvider()
            .create(new StageContext(Messages.definition(encryption), "export.csv", secrets)).wrap(file), written)) {
      generate(out);
    }
    MessageDigest read = MessageDigest.getInstance("SHA-256");
    DecryptionResult result;
    try (InputStream in = Files.newInputStream(message);
        OutputStream plaintext = new DigestOutputStream(OutputStream.nullOutputStream(), read)) {
      result = OpenPgpDecryptor.builder()
          .secretKeys(keys.curve25519.secret())
          .verifyingKeys(keys.curve25519.publicKey())
          .spoolDirectory(dir)
          .build()
          .decrypt(in, plaintext);
    }

    assertThat(Files.size(message)).isGreaterThan(SIZE);
    assertThat(result.size()).isEqualTo(SIZE);
    assertThat(result.signerFingerprint()).isEqualTo(keys.curve25519.fingerprint());
    assertThat(read.digest()).isEqualTo(written.digest());
  }

  /** {@link #SIZE} bytes, 64 KiB at a time: a random block with the chunk's number in its first bytes. */
  private static void generate(OutputStream out) throws Exception {
    byte[] chunk = new byte[CHUNK];
    new SplittableRandom(1).nextBytes(chunk);
    for (long i = 0; i < SIZE / CHUNK; i++) {
      for (int b = 0; b < Long.BYTES; b++) {
        chunk[b] = (byte) (i >>> (8 * b));
      }
      out.write(chunk);
    }
  }
}
