package io.exportkit.crypto.internal;

import io.exportkit.crypto.BadSignatureException;
import io.exportkit.crypto.DecryptionResult;
import io.exportkit.crypto.EncryptionException;
import io.exportkit.crypto.IntegrityException;
import io.exportkit.crypto.NoMatchingKeyException;
import io.exportkit.crypto.PlaintextTooLargeException;
import io.exportkit.crypto.UnsupportedMessageException;
import io.exportkit.crypto.UntrustedSignerException;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.bcpg.AEADAlgorithmTags;
import org.bouncycastle.bcpg.AEADEncDataPacket;
import org.bouncycastle.bcpg.InputStreamPacket;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.bcpg.SymmetricEncIntegrityPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSessionKey;
import org.bouncycastle.openpgp.PGPSessionKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentKey;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.OpenPGPKey.OpenPGPSecretKey;
import org.bouncycastle.openpgp.api.OpenPGPSignature;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.SessionKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcSessionKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.jcajce.JceSessionKeyDataDecryptorFactoryBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Reads one OpenPGP message: finds the session key for one of our secret keys, decrypts, checks
 * the integrity protection and, when trusted keys are given, the signature. The literal data goes
 * to the sink as it is decrypted, within the {@link PlaintextLimit}; whoever calls this decides
 * whether the sink may release it before {@link #read} returns. Immutable and thread-safe.
 */
public final class MessageReader {
  private static final int CHUNK = 64 * 1024;

  private final List<OpenPGPKey> secretKeys;
  private final char @Nullable [] passphrase;
  private final List<OpenPGPCertificate> trusted;
  private final PlaintextLimit limit;
  private final Unlocker unlocker;

  public MessageReader(List<OpenPGPKey> secretKeys, char @Nullable [] passphrase, List<OpenPGPCertificate> trusted,
      PlaintextLimit limit) {
    this(secretKeys, passphrase, trusted, limit, Keys::unlock);
  }

  MessageReader(List<OpenPGPKey> secretKeys, char @Nullable [] passphrase, List<OpenPGPCertificate> trusted,
      PlaintextLimit limit, Unlocker unlocker) {
    this.secretKeys = List.copyOf(secretKeys);
    this.passphrase = passphrase == null ? null : passphrase.clone();
    this.trusted = List.copyOf(trusted);
    this.limit = Objects.requireNonNull(limit, "limit");
    this.unlocker = unlocker;
  }

  /** How a secret subkey is unlocked: {@link Keys#unlock}, or a test's wrapper that counts the calls. */
  interface Unlocker {
    PGPKeyPair unlock(OpenPGPKey key, OpenPGPComponentKey component, char @Nullable [] passphrase);
  }

  /**
   * Decrypts {@code in} into {@code sink}; neither is closed.
   *
   * @throws IOException when reading {@code in} or writing {@code sink} fails
   * @throws EncryptionException (a subclass for each case) when the message cannot be decrypted,
   *     fails its integrity check, decrypts to more than the limit allows, or its signature is
   *     missing, untrusted or bad
   */
  public DecryptionResult read(InputStream in, OutputStream sink) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(sink, "sink");
    PassThroughInput input = new PassThroughInput(in);
    try {
      return decrypt(input, new PassThroughOutput(sink, input));
    } catch (RuntimeException e) {
      passThrough(e);
      throw e;
    }
  }

  private DecryptionResult decrypt(PassThroughInput in, OutputStream sink) throws IOException {
    PGPEncryptedDataList list = encryptedDataList(in);
    List<String> recipients = new ArrayList<>();
    // Unlocking a protected key is slow on purpose (GnuPG's derivation hashes 65 MB), and a message
    // may name the anonymous recipient a thousand times: each subkey is unlocked once per message.
    Map<String, PGPKeyPair> unlocked = new HashMap<>();
    for (PGPEncryptedData data : list) {
      if (data instanceof PGPPublicKeyEncryptedData pk) {
        recipients.add(Keys.describe(pk.getKeyIdentifier()));
        for (OpenPGPSecretKey candidate : candidates(pk.getKeyIdentifier())) {
          PGPKeyPair keyPair = unlocked.computeIfAbsent(Keys.fingerprint(candidate),
              fingerprint -> unlocker.unlock(candidate.getOpenPGPKey(), candidate, passphrase));
          PGPSessionKey sessionKey = sessionKey(pk, candidate, keyPair);
          if (sessionKey != null) {
            return decryptData(list.extractSessionKeyEncryptedData(), sessionKey,
                Keys.fingerprint(candidate.getOpenPGPKey()), sink);
          }
        }
      } else if (data instanceof PGPPBEEncryptedData) {
        recipients.add("passphrase");
      }
    }
    List<String> ours = secretKeys.stream().map(Keys::fingerprint).toList();
    throw new NoMatchingKeyException(recipients, "the message is encrypted to " + recipients
        + ", none of which is a secret key this decryptor holds " + ours
        + ": decrypt it with the secret key of one of its recipients");
  }

  private static PGPEncryptedDataList encryptedDataList(PassThroughInput in) throws IOException {
    try {
      BcPGPObjectFactory factory = new BcPGPObjectFactory(PGPUtil.getDecoderStream(in));
      Object o = factory.nextObject();
      while (o instanceof PGPMarker) {
        o = factory.nextObject();
      }
      if (o instanceof PGPEncryptedDataList list) {
        return list;
      }
      throw new EncryptionException("the input is not an encrypted OpenPGP message (it starts with "
          + (o == null ? "nothing" : o.getClass().getSimpleName()) + ")");
    } catch (IOException | RuntimeException e) {
      passThrough(e);
      if (e instanceof EncryptionException ee) {
        throw ee;
      }
      if (in.ended || hasCause(e, EOFException.class)) {
        throw new EncryptionException("the input ends before its OpenPGP packets do, after " + in.count
            + " bytes: it is a truncated message (was the transfer cut short? ask the sender for a new copy), or"
            + " not an OpenPGP message at all", e);
      }
      throw new EncryptionException("the input is not a readable OpenPGP message (" + e.getMessage() + ")", e);
    }
  }

  /** Our secret subkeys that {@code id} names; every encryption subkey for the anonymous recipient. */
  private List<OpenPGPSecretKey> candidates(KeyIdentifier id) {
    List<OpenPGPSecretKey> candidates = new ArrayList<>();
    for (OpenPGPKey key : secretKeys) {
      if (id.isWildcard()) {
        key.getSecretKeys().values().stream().filter(OpenPGPComponentKey::isEncryptionKey).forEach(candidates::add);
      } else {
        OpenPGPSecretKey match = key.getSecretKey(id);
        if (match != null) {
          candidates.add(match);
        }
      }
    }
    return candidates;
  }

  /**
   * The session key, with {@code key}'s unlocked {@code keyPair}; {@code null} when {@code key} is
   * one of several tried for an anonymous recipient and is not it.
   */
  private static @Nullable PGPSessionKey sessionKey(PGPPublicKeyEncryptedData pk, OpenPGPSecretKey key,
      PGPKeyPair keyPair) {
    try {
      return pk.getSessionKey(new BcPublicKeyDataDecryptorFactory(keyPair));
    } catch (PGPException | RuntimeException e) {
      if (pk.getKeyIdentifier().isWildcard()) {
        return null;
      }
      throw new IntegrityException("the session key encrypted to our key " + Keys.fingerprint(key)
          + " cannot be decrypted with it: the message is damaged (ask the sender for a new copy), or, if every"
          + " message to this key fails so, our copy of the secret key is corrupt (export it again from its"
          + " keyring)", e);
    }
  }

  private DecryptionResult decryptData(PGPSessionKeyEncryptedData data, PGPSessionKey sessionKey,
      String keyFingerprint, OutputStream sink) throws IOException {
    InputStreamPacket packet = data.getEncData();
    if (packet instanceof AEADEncDataPacket aead) {
      throw new UnsupportedMessageException("the message uses LibrePGP's " + aeadName(aead.getAEADAlgorithm())
          + "-encrypted data packet (GnuPG 2.4 writes it when the recipient's key announces AEAD), which this"
          + " library does not read: ask the sender to encrypt with 'gpg --rfc4880' (or another OpenPGP"
          + " implementation), or publish our key without the AEAD feature");
    }
    if (!(packet instanceof SymmetricEncIntegrityPacket)) {
      throw new IntegrityException("the message has no integrity protection (legacy Symmetrically Encrypted Data"
          + " packet): it is refused, since changes to it would go unnoticed; ask the sender to use a current"
          + " OpenPGP implementation", null);
    }
    SessionKeyDataDecryptorFactory factory = data.isAEAD() || !isAes(sessionKey.getAlgorithm())
        // AES runs on the JDK's hardware-accelerated cipher. The JDK has neither OCB nor EAX (SEIPD v2),
        // nor CAST5, Camellia, Twofish or IDEA, which GnuPG may still use: those run on Bouncy Castle's.
        ? new BcSessionKeyDataDecryptorFactory(sessionKey)
        : new JceSessionKeyDataDecryptorFactoryBuilder().build(sessionKey);
    InputStream clear;
    try {
      clear = data.getDataStream(factory);
    } catch (PGPException | RuntimeException e) {
      passThrough(e);
      throw unreadableData(sessionKey.getAlgorithm(), e);
    }
    Content content;
    try {
      content = readContent(clear, sink);
      drain(clear);
    } catch (IOException | PGPException | RuntimeException e) {
      passThrough(e);
      if (e instanceof PlaintextTooLargeException tooLarge) {
        // Refused whatever its integrity: reading on to check it would only cost more.
        throw tooLarge;
      }
      if (!integrityHolds(data, clear, e)) {
        throw tampered(e);
      }
      if (e instanceof EncryptionException ee) {
        throw ee;
      }
      throw new EncryptionException("the message decrypts and passes its integrity check, but what it holds is not"
          + " a well-formed OpenPGP message: the sender's software wrote it wrongly; ask for a new copy made with"
          + " another OpenPGP implementation (e.g. gpg)", e);
    }
    if (!integrityHolds(data, clear, null)) {
      throw tampered(null);
    }
    return new DecryptionResult(content.fileName, content.size, keyFingerprint, content.verifiedSigner());
  }

  private static boolean isAes(int algorithm) {
    return algorithm == SymmetricKeyAlgorithmTags.AES_128 || algorithm == SymmetricKeyAlgorithmTags.AES_192
        || algorithm == SymmetricKeyAlgorithmTags.AES_256;
  }

  /**
   * Why the encrypted data could not even be started, in words (Bouncy Castle says "Exception
   * creating cipher" whatever the cause): the message ends before it, or its cipher is unknown.
   */
  private static EncryptionException unreadableData(int algorithm, Exception e) {
    if (hasCause(e, EOFException.class)) {
      return new IntegrityException("the message is truncated: it ends where its encrypted data should begin (was"
          + " the transfer cut short?); do not use it, and ask the sender for a new copy", e);
    }
    String cipher = PGPUtil.getSymmetricCipherName(algorithm);
    if (cipher == null) {
      return new UnsupportedMessageException("the message is encrypted with symmetric algorithm " + algorithm
          + ", which OpenPGP does not define: ask the sender to encrypt with AES-256 (gpg --cipher-algo AES256)");
    }
    return new IntegrityException("the encrypted data of the message (" + cipher + ") cannot be decrypted: the"
        + " message is damaged; do not use it, and ask the sender for a new copy", e);
  }

  private static IntegrityException tampered(@Nullable Throwable cause) {
    return new IntegrityException("the message fails its integrity check: it was altered, damaged or truncated (cut"
        + " short in transfer?) after it was encrypted; do not use its content, and ask the sender for a new copy",
        cause);
  }

  /**
   * Reads what remains and checks the modification detection code (SEIPD v1). AEAD chunks (SEIPD
   * v2) were checked as they were read: a failed tag is among {@code failure}'s causes.
   */
  private static boolean integrityHolds(PGPEncryptedData data, InputStream clear, @Nullable Throwable failure)
      throws IOException {
    try {
      drain(clear);
      return data.isAEAD() ? !hasCause(failure, InvalidCipherTextException.class, AEADBadTagException.class)
          : data.verify();
    } catch (IOException | PGPException | RuntimeException e) {
      passThrough(e);
      return false;
    }
  }

  private static boolean hasCause(@Nullable Throwable e, Class<?>... types) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (Class<?> type : types) {
        if (type.isInstance(t)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Rethrows the caller's own I/O failure, wherever in {@code e}'s causes Bouncy Castle put it. */
  private static void passThrough(Throwable e) throws IOException {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PassThroughException p) {
        throw p.io;
      }
    }
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[CHUNK];
    while (in.read(buffer) >= 0) {
      // Only the integrity check needs these bytes.
    }
  }

  private Content readContent(InputStream clear, OutputStream sink) throws IOException, PGPException {
    BcPGPObjectFactory factory = new BcPGPObjectFactory(clear);
    Object o = factory.nextObject();
    if (o instanceof PGPCompressedData compressed) {
      factory = new BcPGPObjectFactory(compressed.getDataStream());
      o = factory.nextObject();
    }
    Verification verification = new Verification();
    if (o instanceof PGPOnePassSignatureList onePass) {
      onePass.forEach(verification::expect);
      o = factory.nextObject();
    } else if (o instanceof PGPSignatureList prefixed) {
      prefixed.forEach(verification::expectPrefixed);
      o = factory.nextObject();
    }
    if (!(o instanceof PGPLiteralData literal)) {
      throw new EncryptionException("the message holds no literal data (found "
          + (o == null ? "nothing" : o.getClass().getSimpleName()) + ")");
    }
    long size = copy(literal.getInputStream(), sink, verification);
    Object trailer = factory.nextObject();
    if (trailer instanceof PGPSignatureList signatures) {
      signatures.forEach(verification::check);
    }
    return new Content(literal.getFileName(), size, verification);
  }

  private static long copy(InputStream in, OutputStream sink, Verification verification) throws IOException {
    byte[] buffer = new byte[CHUNK];
    long size = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      sink.write(buffer, 0, n);
      verification.update(buffer, n);
      size += n;
    }
    return size;
  }

  private static String aeadName(int algorithm) {
    return switch (algorithm) {
      case AEADAlgorithmTags.OCB -> "OCB";
      case AEADAlgorithmTags.EAX -> "EAX";
      case AEADAlgorithmTags.GCM -> "GCM";
      default -> "AEAD (mode " + algorithm + ")";
    };
  }

  /** What the literal data was, and how its signatures fared. */
  private final class Content {
    final String fileName;
    final long size;
    final Verification verification;

    Content(String fileName, long size, Verification verification) {
      this.fileName = fileName;
      this.size = size;
      this.verification = verification;
    }

    /** The verified signer; {@code null} when nothing was to be verified. */
    @Nullable String verifiedSigner() {
      return trusted.isEmpty() ? null : verification.outcome();
    }
  }

  /**
   * The signatures of one message, checked against the trusted keys. Signatures by other keys
   * are noted (for the error message) and otherwise ignored.
   */
  private final class Verification {
    private final List<String> signers = new ArrayList<>();
    private final List<PGPOnePassSignature> onePass = new ArrayList<>();
    private final List<OpenPGPComponentKey> onePassKeys = new ArrayList<>();
    private final List<PGPSignature> prefixed = new ArrayList<>();
    private final List<OpenPGPComponentKey> prefixedKeys = new ArrayList<>();
    private @Nullable String verified;
    private @Nullable BadSignatureException bad;

    void expect(PGPOnePassSignature ops) {
      signers.add(Keys.describe(ops.getKeyIdentifier()));
      OpenPGPComponentKey key = trustedKey(List.of(ops.getKeyIdentifier()));
      if (key != null) {
        init(() -> ops.init(new JcaPGPContentVerifierBuilderProvider(), key.getPGPPublicKey()), key);
        onePass.add(ops);
        onePassKeys.add(key);
      }
    }

    void expectPrefixed(PGPSignature signature) {
      List<KeyIdentifier> ids = signature.getKeyIdentifiers();
      signers.add(ids.isEmpty() ? "unknown" : Keys.describe(OpenPGPSignature.getMostExpressiveIdentifier(ids)));
      OpenPGPComponentKey key = trustedKey(signature.getKeyIdentifiers());
      if (key != null) {
        init(() -> signature.init(new JcaPGPContentVerifierBuilderProvider(), key.getPGPPublicKey()), key);
        prefixed.add(signature);
        prefixedKeys.add(key);
      }
    }

    void update(byte[] buffer, int n) {
      onePass.forEach(ops -> ops.update(buffer, 0, n));
      prefixed.forEach(sig -> sig.update(buffer, 0, n));
    }

    /** Checks a signature that follows the literal data against the one-pass header it closes. */
    void check(PGPSignature signature) {
      for (int i = 0; i < onePass.size(); i++) {
        OpenPGPComponentKey key = onePassKeys.get(i);
        if (signature.hasKeyIdentifier(key.getKeyIdentifier())) {
          PGPOnePassSignature ops = onePass.get(i);
          record(key, signature, () -> ops.verify(signature));
          return;
        }
      }
    }

    /** The verified signer's fingerprint; throws when no trusted signature verified. */
    String outcome() {
      for (int i = 0; i < prefixed.size(); i++) {
        PGPSignature signature = prefixed.get(i);
        record(prefixedKeys.get(i), signature, signature::verify);
      }
      if (verified != null) {
        return verified;
      }
      if (bad != null) {
        throw bad;
      }
      if (signers.isEmpty()) {
        throw new UntrustedSignerException(signers, "the message is not signed, and a signature by one of the"
            + " trusted keys is required: ask the sender to sign it");
      }
      throw new UntrustedSignerException(signers, "the message is signed by " + signers
          + ", none of which is a trusted key " + trusted.stream().map(Keys::fingerprint).toList()
          + ": add the signer's public key to the trusted keys if you trust it");
    }

    private @Nullable OpenPGPComponentKey trustedKey(List<KeyIdentifier> ids) {
      for (OpenPGPCertificate cert : trusted) {
        for (KeyIdentifier id : ids) {
          if (!id.isWildcard()) {
            OpenPGPComponentKey key = cert.getKey(id);
            if (key != null) {
              return key;
            }
          }
        }
      }
      return null;
    }

    private void init(PgpStep step, OpenPGPComponentKey key) {
      try {
        step.run();
      } catch (PGPException e) {
        throw new EncryptionException("the signature by trusted key " + Keys.fingerprint(key.getCertificate())
            + " cannot be checked: its algorithm or hash is one this library does not support; ask the sender to"
            + " sign with an Ed25519 or RSA key and SHA-256", e);
      }
    }

    private void record(OpenPGPComponentKey key, PGPSignature signature, PgpCheck check) {
      String fp = Keys.fingerprint(key.getCertificate());
      boolean good;
      try {
        good = check.verify();
      } catch (PGPException e) {
        good = false;
      }
      if (!good) {
        bad = new BadSignatureException(fp, "the signature by trusted key " + fp + " does not match the content:"
            + " the message was altered after it was signed; do not use it");
      } else if (!key.isSigningKey(signature.getCreationTime())) {
        bad = new BadSignatureException(fp, "the signature by trusted key " + fp + " was made on "
            + signature.getCreationTime().toInstant() + ", when the key was not valid for signing (expired,"
            + " revoked or not yet created)");
      } else {
        verified = fp;
      }
    }
  }

  private interface PgpStep {
    void run() throws PGPException;
  }

  private interface PgpCheck {
    boolean verify() throws PGPException;
  }

  /** Marks an I/O failure of the caller's streams, which must reach the caller as it is. */
  private static final class PassThroughException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient IOException io;

    PassThroughException(IOException io) {
      super(io);
      this.io = io;
    }
  }

  /** The caller's message, counting the bytes read from it. */
  private static final class PassThroughInput extends FilterInputStream {
    long count;
    boolean ended;

    PassThroughInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() {
      try {
        int b = in.read();
        if (b >= 0) {
          count++;
        } else {
          ended = true;
        }
        return b;
      } catch (IOException e) {
        throw new PassThroughException(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) {
      try {
        int n = in.read(b, off, len);
        if (n > 0) {
          count += n;
        } else if (n < 0) {
          ended = true;
        }
        return n;
      } catch (IOException e) {
        throw new PassThroughException(e);
      }
    }

    @Override
    public boolean markSupported() {
      // Bytes read again after a reset would count twice.
      return false;
    }

    @Override
    public long skip(long n) {
      try {
        long skipped = in.skip(n);
        count += skipped;
        return skipped;
      } catch (IOException e) {
        throw new PassThroughException(e);
      }
    }
  }

  /** The caller's sink, which takes no more plaintext than the limit allows for the message read so far. */
  private final class PassThroughOutput extends OutputStream {
    private final OutputStream out;
    private final PassThroughInput message;
    private long written;

    PassThroughOutput(OutputStream out, PassThroughInput message) {
      this.out = out;
      this.message = message;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      limit.check(message.count, written + len);
      written += len;
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        throw new PassThroughException(e);
      }
    }
  }
}
