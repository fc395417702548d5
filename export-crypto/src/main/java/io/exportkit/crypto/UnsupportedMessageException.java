package io.exportkit.crypto;

/**
 * The message uses a packet or mode this library does not read, such as the OCB-encrypted data
 * packet GnuPG 2.4 writes for keys that announce it (LibrePGP). The message says which, and what
 * the sender can do instead.
 */
public class UnsupportedMessageException extends EncryptionException {
  private static final long serialVersionUID = 1L;

  public UnsupportedMessageException(String message) {
    super(message);
  }
}
