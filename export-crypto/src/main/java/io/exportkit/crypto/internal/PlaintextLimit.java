package io.exportkit.crypto.internal;

import io.exportkit.crypto.PlaintextTooLargeException;

/**
 * How much plaintext one message may decrypt to: at most {@code maxExpansion} times the bytes of
 * the message read so far, and at most {@code maxSize} bytes. Compared as the plaintext comes, so
 * that a decompression bomb is stopped after little work, not once it has filled a disk.
 *
 * @param maxExpansion how many times its own size a message may expand to, at least 1 (the
 *     decryptor's builder checks it)
 * @param maxSize the most plaintext of one message, in bytes, at least 1
 */
public record PlaintextLimit(long maxExpansion, long maxSize) {

  /**
   * Checks that {@code plaintext} bytes may come out of a message of which {@code read} bytes were
   * read.
   *
   * @throws PlaintextTooLargeException naming the limit reached and how to raise it
   */
  void check(long read, long plaintext) {
    long expanded = read > Long.MAX_VALUE / maxExpansion ? Long.MAX_VALUE : read * maxExpansion;
    if (plaintext > maxSize && maxSize <= expanded) {
      throw new PlaintextTooLargeException(maxSize, "the message decrypts to more than " + maxSize
          + " bytes, the most that maxPlaintextSize allows; nothing of it was released. If such messages are"
          + " expected, raise the limit with OpenPgpDecryptor.builder().maxPlaintextSize(...)");
    }
    if (plaintext > expanded) {
      throw new PlaintextTooLargeException(expanded, "the message decrypts to more than " + expanded + " bytes, "
          + maxExpansion + " times the " + read + " bytes of it read, the most that maxExpansion allows: it may be"
          + " a decompression bomb, and nothing of it was released. If messages that expand this much are"
          + " expected, raise the limit with OpenPgpDecryptor.builder().maxExpansion(...)");
    }
  }
}
