package io.exportkit.crypto;

import java.util.List;

/**
 * Verification was asked, and no trusted key signed the message: it is unsigned, or signed only by
 * keys that are not among the trusted ones.
 */
public class UntrustedSignerException extends EncryptionException {
  private static final long serialVersionUID = 1L;

  private final List<String> signerKeyIds;

  public UntrustedSignerException(List<String> signerKeyIds, String message) {
    super(message);
    this.signerKeyIds = List.copyOf(signerKeyIds);
  }

  /** The key IDs (or fingerprints) of the keys that did sign, as upper-case hex; empty when unsigned. */
  public List<String> signerKeyIds() {
    return signerKeyIds;
  }
}
