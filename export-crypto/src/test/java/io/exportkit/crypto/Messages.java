package io.exportkit.crypto;

import io.exportkit.Destination;
import io.exportkit.Encryption;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportType;
import io.exportkit.SecretResolver;
import io.exportkit.spi.StageContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Plaintexts, definitions and messages the tests start from. */
final class Messages {
  static final String FILE_NAME = "winners.csv";

  private Messages() {}

  /**
   * About 200 KiB, over several 64 KiB partial packets: CSV-like text with non-ASCII letters,
   * then random bytes.
   */
  static byte[] plaintext() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < 2000; i++) {
      out.writeBytes(("p" + i + ",zoë" + i + "@example.org,2026-05-02T10:00:00Z,\"Fürth, Bayern\"\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    byte[] random = new byte[100_000];
    new SplittableRandom(42).nextBytes(random);
    out.writeBytes(random);
    return out.toByteArray();
  }

  /** An immediate rapid export, delivered to {@code memory:out} as CSV, encrypted as {@code encryption} says. */
  static ExportDefinition definition(Encryption encryption) {
    return ExportDefinition.builder()
        .name("winners")
        .type(ExportType.RAPID)
        .operation("summer")
        .format("csv")
        .destination(Destination.of("memory:out"))
        .encryption(encryption)
        .build();
  }

  /** {@code plaintext} through the {@code openpgp} stage, as the pipeline runs it. */
  static byte[] encrypt(OpenPgpStageProvider provider, Encryption encryption, SecretResolver secrets, byte[] plaintext) {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    try (OutputStream out = provider.create(new StageContext(definition(encryption), FILE_NAME, secrets)).wrap(message)) {
      out.write(plaintext);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return message.toByteArray();
  }

  static byte[] encrypt(Encryption encryption, SecretResolver secrets, byte[] plaintext) {
    return encrypt(new OpenPgpStageProvider(), encryption, secrets, plaintext);
  }

  /** What {@code decryptor} releases from {@code message}. */
  static byte[] decrypt(OpenPgpDecryptor decryptor, byte[] message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      decryptor.decrypt(new ByteArrayInputStream(message), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
