package io.exportkit.crypto;

import io.exportkit.crypto.internal.Keys;
import io.exportkit.crypto.internal.MessageReader;
import io.exportkit.crypto.internal.PlaintextLimit;
import io.exportkit.crypto.internal.Spool;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.jspecify.annotations.Nullable;

/**
 * Decrypts incoming OpenPGP messages (binary or armored) with the host's secret keys and, when
 * trusted public keys are given, requires a valid signature by one of them.
 *
 * <pre>{@code
 * OpenPgpDecryptor decryptor = OpenPgpDecryptor.builder()
 *     .secretKeys(Path.of("our-secret-key.asc"))
 *     .passphrase(passphrase)
 *     .verifyingKeys(Path.of("partner-public-key.asc"))   // optional: require their signature
 *     .build();
 * DecryptionResult result = decryptor.decrypt(Path.of("upload.csv.gpg"), Path.of("upload.csv"));
 * }</pre>
 *
 * <p>By default nothing is released before every check has passed: {@link #decrypt(InputStream,
 * OutputStream)} spools the plaintext to a temporary file (itself encrypted with a throw-away key,
 * and deleted afterwards), and writes to the caller's stream only once the integrity check and the
 * signature, when asked, have passed; {@link #decrypt(Path, Path)} writes the plaintext once, to a
 * temporary file beside the target that it renames once every check has passed. {@link
 * #decryptStreaming} writes as it decrypts, for callers that can take the risk described there.
 *
 * <p>A message may decrypt to at most {@link Builder#maxExpansion 100 times} its own size (and to
 * at most {@link Builder#maxPlaintextSize} bytes, when set): compressed data can expand a thousand
 * times, so a file of a few megabytes could otherwise fill a disk with gigabytes.
 *
 * <p>Each failure has its own exception, all {@link EncryptionException}s: {@link
 * NoMatchingKeyException}, {@link WrongPassphraseException}, {@link IntegrityException} (tampered,
 * damaged, truncated, or without integrity protection), {@link UntrustedSignerException}, {@link
 * BadSignatureException}, {@link UnsupportedMessageException} (e.g. GnuPG 2.4's OCB packets),
 * {@link PlaintextTooLargeException}. Streams given to this class are never closed by it.
 *
 * <p>Immutable and thread-safe.
 */
public final class OpenPgpDecryptor {
  /** The default of {@link Builder#maxExpansion}: generous, as text exports compress some 5 to 20 times. */
  private static final long DEFAULT_MAX_EXPANSION = 100;

  private final MessageReader reader;
  private final Path spoolDirectory;

  private OpenPgpDecryptor(Builder b) {
    this.reader = new MessageReader(b.secretKeys, b.passphrase, b.trusted,
        new PlaintextLimit(b.maxExpansion, b.maxPlaintextSize));
    this.spoolDirectory = b.spoolDirectory;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Decrypts {@code ciphertext} into {@code plaintext}, writing nothing to {@code plaintext} until
   * the message's integrity (and signature, when trusted keys were given) has been checked.
   *
   * @throws IOException when reading, spooling or writing fails
   * @throws EncryptionException (a subclass for each case) when the message cannot be decrypted,
   *     fails its integrity check, or is not signed by a trusted key as required
   */
  public DecryptionResult decrypt(InputStream ciphertext, OutputStream plaintext) throws IOException {
    Objects.requireNonNull(ciphertext, "ciphertext");
    Objects.requireNonNull(plaintext, "plaintext");
    try (Spool spool = new Spool(spoolDirectory)) {
      DecryptionResult result;
      try (OutputStream sink = spool.sink()) {
        result = reader.read(ciphertext, sink);
      }
      spool.copyTo(plaintext);
      return result;
    }
  }

  /**
   * Decrypts the file {@code ciphertext} into the file {@code plaintext}, which appears (or is
   * replaced) only once every check has passed; on failure it is left as it was.
   *
   * <p>The plaintext is written once, as it is decrypted, to a hidden temporary file beside the
   * target (owner-only where the file system has POSIX permissions), which is renamed to the
   * target after every check has passed and deleted on failure. No spool is used.
   *
   * @throws IOException when reading or writing fails
   * @throws EncryptionException as {@link #decrypt(InputStream, OutputStream)}
   */
  public DecryptionResult decrypt(Path ciphertext, Path plaintext) throws IOException {
    Objects.requireNonNull(plaintext, "plaintext");
    Path target = plaintext.toAbsolutePath();
    Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
    try {
      DecryptionResult result;
      try (InputStream in = Files.newInputStream(ciphertext);
          OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial))) {
        // The partial file is not released: only the rename below makes it the caller's.
        result = reader.read(in, out);
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return result;
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /**
   * Decrypts {@code ciphertext} into {@code plaintext} as it goes, without a temporary file.
   *
   * <p><b>The risk:</b> the integrity check and the signature can only be checked at the end of
   * the message, so bytes of a tampered, damaged or wrongly signed message reach {@code plaintext}
   * before the exception is thrown. Use it only where the consumer can throw away everything it
   * received when this method throws (e.g. it writes to a staging table it drops, or to a file it
   * deletes), and never act on the data before the method has returned.
   *
   * @throws IOException when reading or writing fails
   * @throws EncryptionException as {@link #decrypt(InputStream, OutputStream)}, after part of the
   *     plaintext may already have been written
   */
  public DecryptionResult decryptStreaming(InputStream ciphertext, OutputStream plaintext) throws IOException {
    return reader.read(ciphertext, plaintext);
  }

  /** Builds a decryptor. Not thread-safe; {@link #build()} copies, so it can be reused. */
  public static final class Builder {
    private final List<OpenPGPKey> secretKeys = new ArrayList<>();
    private final List<OpenPGPCertificate> trusted = new ArrayList<>();
    private char @Nullable [] passphrase;
    private Path spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"));
    private long maxExpansion = DEFAULT_MAX_EXPANSION;
    private long maxPlaintextSize = Long.MAX_VALUE;

    private Builder() {}

    /**
     * Adds the secret keys in {@code material}: armored or binary, one key or several, as
     * {@code gpg --export-secret-keys} writes them.
     *
     * @throws EncryptionException when {@code material} holds no readable secret key
     */
    public Builder secretKeys(byte[] material) {
      secretKeys.addAll(Keys.readSecretKeys(Objects.requireNonNull(material, "material"), "the secret key material"));
      return this;
    }

    /**
     * Adds the secret keys in the file {@code file}.
     *
     * @throws IOException when the file cannot be read
     * @throws EncryptionException when it holds no readable secret key
     */
    public Builder secretKeys(Path file) throws IOException {
      secretKeys.addAll(Keys.readSecretKeys(Files.readAllBytes(file), "secret key file " + file));
      return this;
    }

    /** The passphrase of the secret keys that are protected by one; a copy is kept. */
    public Builder passphrase(char[] passphrase) {
      this.passphrase = Objects.requireNonNull(passphrase, "passphrase").clone();
      return this;
    }

    /**
     * Adds trusted public keys (armored or binary, one key or a keyring). Once any is given, a
     * message must carry a valid signature by one of them, or decryption fails.
     *
     * @throws EncryptionException when {@code material} holds no readable public key
     */
    public Builder verifyingKeys(byte[] material) {
      trusted.addAll(Keys.readCertificates(Objects.requireNonNull(material, "material"), "the trusted key material"));
      return this;
    }

    /**
     * Adds the trusted public keys in the file {@code file}; see {@link #verifyingKeys(byte[])}.
     *
     * @throws IOException when the file cannot be read
     */
    public Builder verifyingKeys(Path file) throws IOException {
      trusted.addAll(Keys.readCertificates(Files.readAllBytes(file), "trusted key file " + file));
      return this;
    }

    /**
     * How many times its own size (as read, armored or binary) a message may decrypt to; 100 by
     * default. Compressed data can expand a thousandfold, so a small message could otherwise
     * decrypt to gigabytes (a decompression bomb). The limit is checked as the plaintext comes,
     * against the part of the message read so far; once exceeded, decryption stops with a {@link
     * PlaintextTooLargeException} and nothing is released. Raise it for partners whose files
     * compress better than that (long runs of the same bytes).
     *
     * @throws IllegalArgumentException when {@code times} is less than 1
     */
    public Builder maxExpansion(long times) {
      if (times < 1) {
        throw new IllegalArgumentException("maxExpansion must be at least 1; got " + times);
      }
      this.maxExpansion = times;
      return this;
    }

    /**
     * The most plaintext one message may decrypt to, in bytes, whatever its size; no fixed limit
     * by default (only {@link #maxExpansion}). Exceeded, decryption stops with a {@link
     * PlaintextTooLargeException} and nothing is released.
     *
     * @throws IllegalArgumentException when {@code bytes} is less than 1
     */
    public Builder maxPlaintextSize(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxPlaintextSize must be at least 1 byte; got " + bytes);
      }
      this.maxPlaintextSize = bytes;
      return this;
    }

    /** Where {@link #decrypt(InputStream, OutputStream)} spools; the JVM's temporary directory by default. */
    public Builder spoolDirectory(Path directory) {
      this.spoolDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** @throws IllegalStateException when no secret key was given */
    public OpenPgpDecryptor build() {
      if (secretKeys.isEmpty()) {
        throw new IllegalStateException("secretKeys: a decryptor needs at least one secret key");
      }
      return new OpenPgpDecryptor(this);
    }
  }
}
