package io.exportkit.crypto.internal;

import io.exportkit.crypto.EncryptionException;
import io.exportkit.crypto.UnusableKeyException;
import io.exportkit.crypto.UnusableKeyException.Reason;
import io.exportkit.crypto.WrongPassphraseException;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.bcpg.S2K;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentKey;
import org.bouncycastle.openpgp.api.OpenPGPImplementation;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPImplementation;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;
import org.bouncycastle.util.encoders.Hex;
import org.jspecify.annotations.Nullable;

/**
 * Reads OpenPGP keys (armored or binary, one key or a keyring) and picks the subkey for a job,
 * refusing keys that are expired, revoked or not able to do it. Self-signatures, expiry and
 * revocations are evaluated by Bouncy Castle's certificate model, which verifies each signature.
 */
public final class Keys {
  private static final OpenPGPImplementation BC = new BcOpenPGPImplementation();

  private Keys() {}

  /** What a key is needed for. */
  public enum Purpose {
    ENCRYPT("encrypt", "encryption", Reason.NOT_FOR_ENCRYPTION, OpenPGPComponentKey::isEncryptionKey),
    SIGN("sign", "signing", Reason.NOT_FOR_SIGNING, OpenPGPComponentKey::isSigningKey);

    private final String verb;
    private final String noun;
    private final Reason incapable;
    private final Predicate<OpenPGPComponentKey> capable;

    Purpose(String verb, String noun, Reason incapable, Predicate<OpenPGPComponentKey> capable) {
      this.verb = verb;
      this.noun = noun;
      this.incapable = incapable;
      this.capable = capable;
    }

    List<OpenPGPComponentKey> validKeys(OpenPGPCertificate cert, Date at) {
      return this == ENCRYPT ? cert.getEncryptionKeys(at) : cert.getSigningKeys(at);
    }
  }

  /** The public keys (certificates) in {@code material}; a secret key counts as its public part. */
  public static List<OpenPGPCertificate> readCertificates(byte[] material, String what) {
    return read(material, what, "public key", "gpg --export", OpenPGPKeyReader::parseKeysOrCertificates);
  }

  /** The secret keys in {@code material}. */
  public static List<OpenPGPKey> readSecretKeys(byte[] material, String what) {
    return read(material, what, "secret key", "gpg --export-secret-keys", OpenPGPKeyReader::parseKeys);
  }

  private interface Parser<T> {
    List<T> parse(OpenPGPKeyReader reader, byte[] material) throws IOException;
  }

  private static <T> List<T> read(byte[] material, String what, String kind, String export, Parser<T> parser) {
    List<T> keys;
    try {
      keys = parser.parse(new OpenPGPKeyReader(BC), material);
    } catch (IOException | RuntimeException e) {
      throw new EncryptionException(what + " is not a readable OpenPGP " + kind + " (" + e.getMessage()
          + "): give one exported with '" + export + "', armored or binary", e);
    }
    if (keys.isEmpty()) {
      throw new EncryptionException(what + " holds no OpenPGP " + kind + ": give one exported with '" + export + "'");
    }
    return keys;
  }

  /** Upper-case hex, no spaces: how keys are named in messages and reports. */
  public static String fingerprint(OpenPGPCertificate cert) {
    return hex(cert.getFingerprint());
  }

  public static String fingerprint(OpenPGPComponentKey key) {
    return hex(key.getPGPPublicKey().getFingerprint());
  }

  /** A key ID or fingerprint as carried by a message, for messages; {@code *} for the wildcard. */
  public static String describe(KeyIdentifier id) {
    if (id.isWildcard()) {
      return "*";
    }
    return id.getFingerprint() != null ? hex(id.getFingerprint()) : String.format(Locale.ROOT, "%016X", id.getKeyId());
  }

  static String hex(byte[] bytes) {
    return Hex.toHexString(bytes).toUpperCase(Locale.ROOT);
  }

  /**
   * The newest subkey of {@code cert} valid {@code at} for {@code purpose}.
   *
   * @throws UnusableKeyException naming the key and why none is usable
   */
  public static OpenPGPComponentKey usableKey(OpenPGPCertificate cert, Purpose purpose, Date at) {
    List<OpenPGPComponentKey> valid = purpose.validKeys(cert, at);
    if (!valid.isEmpty()) {
      return valid.stream().max(Comparator.comparing(OpenPGPComponentKey::getCreationTime)).orElseThrow();
    }
    String fp = fingerprint(cert);
    if (cert.getRevocation(at) != null) {
      throw refused(fp, Reason.REVOKED, "was revoked by its owner", purpose);
    }
    Date expiry = cert.getExpirationTime(at);
    if (expiry != null && !expiry.after(at)) {
      throw refused(fp, Reason.EXPIRED, "expired on " + day(expiry), purpose);
    }
    List<OpenPGPComponentKey> capable = cert.getKeys().stream().filter(purpose.capable).toList();
    if (capable.isEmpty()) {
      throw refused(fp, purpose.incapable, "has no subkey that may " + purpose.verb
          + (purpose == Purpose.ENCRYPT ? " (a sign-only key)" : ""), purpose);
    }
    for (OpenPGPComponentKey k : capable) {
      if (k.getRevocation(at) != null) {
        throw refused(fp, Reason.REVOKED, "has its " + purpose.noun + " subkey " + fingerprint(k) + " revoked", purpose);
      }
    }
    for (OpenPGPComponentKey k : capable) {
      Date subkeyExpiry = k.getKeyExpirationDateAt(at);
      if (subkeyExpiry != null && !subkeyExpiry.after(at)) {
        throw refused(fp, Reason.EXPIRED, "has its " + purpose.noun + " subkey " + fingerprint(k) + " expired on "
            + day(subkeyExpiry), purpose);
      }
    }
    throw refused(fp, purpose.incapable, "has no " + purpose.noun + " subkey validly bound to it", purpose);
  }

  private static UnusableKeyException refused(String fp, Reason reason, String what, Purpose purpose) {
    String fix = switch (reason) {
      case EXPIRED -> "ask the key's owner to extend it (gpg --quick-set-expire) and send the updated public key";
      case REVOKED -> "ask the key's owner for their new key";
      case NOT_FOR_ENCRYPTION -> "use a key with an encryption subkey (gpg --quick-add-key FINGERPRINT cv25519 encr)";
      case NOT_FOR_SIGNING -> "use a key with a signing subkey";
    };
    return new UnusableKeyException(fp, reason, "OpenPGP key " + fp + " " + what + " and cannot " + purpose.verb
        + ": " + fix);
  }

  private static String day(Date date) {
    return Instant.ofEpochMilli(date.getTime()).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static boolean isStub(OpenPGPKey.OpenPGPSecretKey secret) {
    S2K s2k = secret.getPGPSecretKey().getS2K();
    return s2k != null && s2k.getType() == S2K.GNU_DUMMY_S2K;
  }

  /**
   * The key pair of {@code component}, its private part unlocked with {@code passphrase} when protected.
   *
   * @throws WrongPassphraseException when the key is protected and the passphrase is missing or wrong
   */
  public static PGPKeyPair unlock(OpenPGPKey key, OpenPGPComponentKey component, char @Nullable [] passphrase) {
    String fp = fingerprint(key);
    OpenPGPKey.OpenPGPSecretKey secret = key.getSecretKey(component);
    if (secret == null || isStub(secret)) {
      // GnuPG writes a stub in place of a secret it does not export (--export-secret-subkeys leaves out
      // the primary key's) or does not hold (a key moved to a smartcard): nothing here can unlock it.
      String which = component.getKeyIdentifier().equals(key.getKeyIdentifier()) ? "primary key"
          : "subkey " + fingerprint(component);
      throw new EncryptionException("OpenPGP key " + fp + " holds no secret part for its " + which
          + " (a stub, as 'gpg --export-secret-subkeys' or a smartcard leaves): export the whole secret key with"
          + " 'gpg --armor --export-secret-keys " + fp + "' from a keyring that holds it");
    }
    try {
      if (!secret.isLocked()) {
        return secret.unlock().getKeyPair();
      }
      if (passphrase == null) {
        throw new WrongPassphraseException(fp, "OpenPGP secret key " + fp
            + " is protected by a passphrase and none was given: configure its passphrase");
      }
      try {
        // The JDK's SHA and AES: GnuPG's passphrase derivation hashes 65 MB, twice as fast so.
        return new PGPKeyPair(component.getPGPPublicKey(), secret.getPGPSecretKey().extractPrivateKey(
            new JcePBESecretKeyDecryptorBuilder(new JcaPGPDigestCalculatorProviderBuilder().build()).build(passphrase)));
      } catch (PGPException | RuntimeException jdkFailed) {
        // A wrong passphrase, or a protection the JDK lacks (e.g. Argon2 and OCB of RFC 9580 keys).
        if (!secret.isPassphraseCorrect(passphrase)) {
          throw new WrongPassphraseException(fp, "the passphrase given for OpenPGP secret key " + fp
              + " does not unlock it: check the configured passphrase");
        }
        return secret.unlock(passphrase).getKeyPair();
      }
    } catch (PGPException | RuntimeException e) {
      if (e instanceof EncryptionException ee) {
        throw ee;
      }
      // Bouncy Castle's own words ("Exception creating cipher"…) stay in the cause, for the logs.
      throw new EncryptionException("OpenPGP secret key " + fp + " cannot be unlocked: its secret part is damaged,"
          + " or protected in a way this library does not read; export it again with 'gpg --armor"
          + " --export-secret-keys " + fp + "'", e);
    }
  }
}
