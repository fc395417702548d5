package io.exportkit.crypto.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.bcpg.AEADAlgorithmTags;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.PreferredAEADCiphersuites;
import org.bouncycastle.openpgp.PGPCompressedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentKey;
import org.bouncycastle.openpgp.operator.PGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Writes OpenPGP messages to a fixed set of recipients: AES-256, integrity-protected, optionally
 * compressed and signed (one-pass), binary or armored, streamed in partial packets of 64 KiB.
 *
 * <p>The encrypted packet is SEIPD v1 (CFB + SHA-1 modification detection code), which every
 * OpenPGP implementation in use reads, unless every recipient's key announces SEIPD v2 in its
 * features; then it is SEIPD v2 with the AEAD mode all recipients prefer (OCB, which RFC 9580
 * makes mandatory, when they state no preference). The legacy packet without integrity
 * protection is never written.
 *
 * <p>Immutable and thread-safe; each {@link #open} starts an independent message.
 */
public final class MessageWriter {
  private static final int BUFFER = 1 << 16;
  /** AEAD chunks of 2^16 bytes: what a reader must hold before it may release a chunk. */
  private static final int AEAD_CHUNK_BITS = 16;
  private static final int NO_AEAD = -1;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<OpenPGPComponentKey> recipientKeys;
  private final List<String> recipientFingerprints;
  private final @Nullable Signer signer;
  private final boolean armor;
  private final boolean compress;
  private final int aeadAlgorithm;

  private MessageWriter(List<OpenPGPComponentKey> recipientKeys, List<String> recipientFingerprints,
      @Nullable Signer signer, boolean armor, boolean compress, int aeadAlgorithm) {
    this.recipientKeys = recipientKeys;
    this.recipientFingerprints = recipientFingerprints;
    this.signer = signer;
    this.armor = armor;
    this.compress = compress;
    this.aeadAlgorithm = aeadAlgorithm;
  }

  /**
   * A writer to {@code recipients}, each through its newest encryption subkey valid {@code at}.
   *
   * @throws io.exportkit.crypto.UnusableKeyException when a recipient's key is expired, revoked or sign-only
   */
  public static MessageWriter of(List<OpenPGPCertificate> recipients, @Nullable Signer signer, boolean armor,
      boolean compress, Date at) {
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("at least one recipient is needed");
    }
    Map<String, OpenPGPCertificate> byFingerprint = new LinkedHashMap<>();
    recipients.forEach(cert -> byFingerprint.putIfAbsent(Keys.fingerprint(cert), cert));
    List<OpenPGPComponentKey> keys = byFingerprint.values().stream()
        .map(cert -> Keys.usableKey(cert, Keys.Purpose.ENCRYPT, at))
        .toList();
    return new MessageWriter(keys, List.copyOf(byFingerprint.keySet()), signer, armor, compress,
        aeadAlgorithm(recipients, at));
  }

  /** The recipients' (primary key) fingerprints, upper-case hex, in the order given. */
  public List<String> recipientFingerprints() {
    return recipientFingerprints;
  }

  /** What this writer writes, for logs: {@code SEIPD v1}, or {@code SEIPD v2 (AEAD mode 2)}, and the signer. */
  public String describe() {
    return (aeadAlgorithm == NO_AEAD ? "AES-256, SEIPD v1" : "AES-256, SEIPD v2 (AEAD mode " + aeadAlgorithm + ")")
        + (armor ? ", armored" : "") + (compress ? ", compressed" : "")
        + (signer == null ? "" : ", signed by " + Keys.fingerprint(signer.key().getCertificate()));
  }

  /** SEIPD v2 only when every recipient announces it; then the first mode in everyone's preferences. */
  private static int aeadAlgorithm(List<OpenPGPCertificate> recipients, Date at) {
    for (OpenPGPCertificate cert : recipients) {
      Features features = cert.getPrimaryKey().getFeatures(at);
      if (features == null || !features.supportsSEIPDv2()) {
        return NO_AEAD;
      }
    }
    List<int[]> modes = recipients.stream().map(cert -> aes256Modes(cert, at)).toList();
    for (int mode : modes.get(0)) {
      if (modes.stream().allMatch(m -> Arrays.stream(m).anyMatch(x -> x == mode))) {
        return mode;
      }
    }
    return AEADAlgorithmTags.OCB;
  }

  /** The AEAD modes {@code cert} prefers with AES-256; OCB alone when it states none (RFC 9580, 5.2.3.15). */
  private static int[] aes256Modes(OpenPGPCertificate cert, Date at) {
    PreferredAEADCiphersuites preferred = cert.getPrimaryKey().getAEADCipherSuitePreferences(at);
    if (preferred == null) {
      return new int[] {AEADAlgorithmTags.OCB};
    }
    return Arrays.stream(preferred.getAlgorithms())
        .filter(c -> c.getSymmetricAlgorithm() == SymmetricKeyAlgorithmTags.AES_256)
        .mapToInt(PreferredAEADCiphersuites.Combination::getAeadAlgorithm)
        .toArray();
  }

  /**
   * Starts a message whose literal data is named {@code fileName}. Closing the returned stream
   * writes the signature and the integrity trailer, then closes {@code downstream}.
   */
  public OutputStream open(OutputStream downstream, String fileName) throws IOException {
    Objects.requireNonNull(downstream, "downstream");
    try {
      return new MessageStream(downstream, fileName);
    } catch (PGPException e) {
      throw new IOException("cannot start the OpenPGP message: " + e.getMessage(), e);
    }
  }

  private PGPDataEncryptorBuilder dataEncryptor() {
    if (aeadAlgorithm == NO_AEAD) {
      return new JdkCfbEncryptorBuilder(RANDOM);
    }
    // The JDK has neither OCB nor EAX: SEIPD v2 runs on Bouncy Castle's own AES.
    return new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
        .setWithAEAD(aeadAlgorithm, AEAD_CHUNK_BITS)
        .setUseV6AEAD()
        .setSecureRandom(RANDOM);
  }

  /** The packet layers of one message, innermost (literal data) first to close. */
  private final class MessageStream extends OutputStream {
    private final OutputStream downstream;
    private final @Nullable ArmoredOutputStream armored;
    private final PGPEncryptedDataGenerator encryption;
    private final @Nullable PGPCompressedDataGenerator compression;
    private final OutputStream signed;
    private final @Nullable PGPSignatureGenerator signature;
    private final PGPLiteralDataGenerator literal;
    private final OutputStream content;
    private boolean closed;

    MessageStream(OutputStream downstream, String fileName) throws IOException, PGPException {
      this.downstream = downstream;
      this.armored = armor ? ArmoredOutputStream.builder().clearHeaders().build(downstream) : null;
      this.encryption = new PGPEncryptedDataGenerator(dataEncryptor());
      for (OpenPGPComponentKey key : recipientKeys) {
        encryption.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key.getPGPPublicKey()).setSecureRandom(RANDOM));
      }
      OutputStream encrypted = encryption.open(armored != null ? armored : downstream, new byte[BUFFER]);
      this.compression = compress ? new PGPCompressedDataGenerator(CompressionAlgorithmTags.ZIP) : null;
      this.signed = compression != null ? compression.open(encrypted, new byte[BUFFER]) : encrypted;
      this.signature = signer == null ? null : startSignature(signer, signed);
      this.literal = new PGPLiteralDataGenerator();
      this.content = literal.open(signed, PGPLiteralData.BINARY, fileName, new Date(), new byte[BUFFER]);
    }

    private static PGPSignatureGenerator startSignature(Signer signer, OutputStream out) throws PGPException, IOException {
      // SHA-256: the JDK's runs on SHA-NI where the CPU has it, faster than SHA-512 there.
      PGPSignatureGenerator generator = new PGPSignatureGenerator(
          new JcaPGPContentSignerBuilder(signer.key().getAlgorithm(), HashAlgorithmTags.SHA256),
          signer.key().getPGPPublicKey());
      generator.init(PGPSignature.BINARY_DOCUMENT, signer.privateKey());
      generator.generateOnePassVersion(false).encode(out);
      return generator;
    }

    @Override
    public void write(int b) throws IOException {
      content.write(b);
      if (signature != null) {
        signature.update((byte) b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      content.write(b, off, len);
      if (signature != null) {
        signature.update(b, off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      content.flush();
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try (downstream) {
        literal.close();
        if (signature != null) {
          signature.generate().encode(signed);
        }
        if (compression != null) {
          compression.close();
        }
        encryption.close();
        if (armored != null) {
          armored.close();
        }
      } catch (PGPException e) {
        throw new IOException("cannot sign the OpenPGP message: " + e.getMessage(), e);
      }
    }
  }
}
