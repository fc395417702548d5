package io.exportkit.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.openpgp.operator.PGPDataEncryptor;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CFB computed through CBC is CFB: byte for byte what the JDK's own AES/CFB writes, whatever the write sizes. */
class JdkCfbEncryptorBuilderTest {
  private final byte[] key = new byte[32];
  private final byte[] plaintext = new byte[300_000];

  JdkCfbEncryptorBuilderTest() {
    SplittableRandom random = new SplittableRandom(7);
    random.nextBytes(key);
    random.nextBytes(plaintext);
  }

  @ParameterizedTest(name = "writes of up to {0} bytes")
  @ValueSource(ints = {1, 15, 16, 17, 1000, 65_536, 200_000})
  void theCiphertextIsTheJdksCfb(int maxWrite) throws Exception {
    PGPDataEncryptor encryptor = new JdkCfbEncryptorBuilder(new SecureRandom()).build(key);
    ByteArrayOutputStream ciphertext = new ByteArrayOutputStream();
    SplittableRandom sizes = new SplittableRandom(maxWrite);

    try (OutputStream out = encryptor.getOutputStream(ciphertext)) {
      for (int off = 0; off < plaintext.length; ) {
        int n = Math.min(plaintext.length - off, 1 + sizes.nextInt(maxWrite));
        if (n == 1) {
          out.write(plaintext[off]);
        } else {
          out.write(plaintext, off, n);
        }
        off += n;
      }
    }

    assertThat(ciphertext.toByteArray()).isEqualTo(jdkCfb(plaintext));
  }

  @Test
  void everyByteIsWrittenAtOnceNotHeldForAFullBlock() throws Exception {
    PGPDataEncryptor encryptor = new JdkCfbEncryptorBuilder(new SecureRandom()).build(key);
    ByteArrayOutputStream ciphertext = new ByteArrayOutputStream();

    OutputStream out = encryptor.getOutputStream(ciphertext);
    out.write(plaintext, 0, 21);

    assertThat(ciphertext.size()).isEqualTo(21);
  }

  @ParameterizedTest(name = "writes of up to {0} bytes")
  @ValueSource(ints = {1, 1000, 65_536, 200_000})
  void theIntegrityCodeIsTheSha1OfEveryByteInOrder(int maxWrite) throws Exception {
    PGPDigestCalculator sha1 = new JdkCfbEncryptorBuilder(new SecureRandom()).build(key).getIntegrityCalculator();
    SplittableRandom sizes = new SplittableRandom(maxWrite);

    OutputStream out = sha1.getOutputStream();
    for (int off = 0; off < plaintext.length; ) {
      int n = Math.min(plaintext.length - off, 1 + sizes.nextInt(maxWrite));
      out.write(plaintext, off, n);
      off += n;
    }

    assertThat(sha1.getDigest()).isEqualTo(MessageDigest.getInstance("SHA-1").digest(plaintext));
  }

  private byte[] jdkCfb(byte[] data) throws Exception {
    Cipher cfb = Cipher.getInstance("AES/CFB/NoPadding");
    cfb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
    return cfb.doFinal(data);
  }
}
