package io.exportkit.crypto;

/**
 * The message decrypts to more than {@link OpenPgpDecryptor} allows (its {@code maxExpansion} times
 * the size of the message, or its {@code maxPlaintextSize}): it may be a decompression bomb, a
 * small file that inflates to gigabytes. Decryption stopped there and nothing was released; the
 * message says which limit was reached and how to raise it.
 */
public class PlaintextTooLargeException extends EncryptionException {
  private static final long serialVersionUID = 1L;

  private final long limit;

  public PlaintextTooLargeException(long limit, String message) {
    super(message);
    this.limit = limit;
  }

  /** The plaintext size, in bytes, that the message would have exceeded. */
  public long limit() {
    return limit;
  }
}
