package io.exportkit.crypto;

import java.util.List;

/** The message was not encrypted to any of the secret keys the decryptor holds. */
public class NoMatchingKeyException extends EncryptionException {
  private static final long serialVersionUID = 1L;

  private final List<String> recipientKeyIds;

  public NoMatchingKeyException(List<String> recipientKeyIds, String message) {
    super(message);
    this.recipientKeyIds = List.copyOf(recipientKeyIds);
  }

  /** The key IDs (or fingerprints) the message was encrypted to, as upper-case hex. */
  public List<String> recipientKeyIds() {
    return recipientKeyIds;
  }
}
