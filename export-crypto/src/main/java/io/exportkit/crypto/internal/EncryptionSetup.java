package io.exportkit.crypto.internal;

import io.exportkit.Encryption;
import io.exportkit.ExportException;
import io.exportkit.SecretRef;
import io.exportkit.SecretResolver;
import io.exportkit.crypto.EncryptionException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.jspecify.annotations.Nullable;

/**
 * Turns an {@link Encryption} into a {@link MessageWriter}: resolves the recipients' keys and the
 * signing key, and checks them.
 *
 * <p>A recipient is armored key material when it starts with {@code -----BEGIN PGP}; a key file
 * when it starts with {@code file:} (a {@code file:} URI, or {@code file:} and a path); otherwise
 * the name of a secret the host's {@link SecretResolver} holds, whose value is the armored key.
 * The signing key and its passphrase are always asked of the resolver.
 */
public final class EncryptionSetup {
  private static final String ARMOR = "-----BEGIN PGP";

  private EncryptionSetup() {}

  /**
   * The writer for {@code encryption}, with keys checked at {@code at}.
   *
   * @throws io.exportkit.ExportException for the first key that cannot be found, read, used or unlocked:
   *     an {@link EncryptionException} (or a subclass), or the resolver's unknown-secret exception
   */
  public static MessageWriter writer(Encryption encryption, SecretResolver secrets, boolean compress, Date at) {
    List<OpenPGPCertificate> certs = new ArrayList<>();
    for (String recipient : encryption.recipients()) {
      certs.addAll(certificates(recipient, secrets));
    }
    return MessageWriter.of(certs, signer(encryption, secrets, at), encryption.armor(), compress, at);
  }

  /** What is wrong with {@code encryption}'s keys at {@code at}, one message per key; empty when all are usable. */
  public static List<String> problems(Encryption encryption, SecretResolver secrets, boolean compress, Date at) {
    List<String> problems = new ArrayList<>();
    for (String recipient : encryption.recipients()) {
      try {
        MessageWriter.of(certificates(recipient, secrets), null, false, compress, at);
      } catch (ExportException e) {
        problems.add(e.getMessage());
      }
    }
    try {
      signer(encryption, secrets, at);
    } catch (ExportException e) {
      problems.add(e.getMessage());
    }
    return problems;
  }

  private static List<OpenPGPCertificate> certificates(String recipient, SecretResolver secrets) {
    if (recipient.startsWith(ARMOR)) {
      return Keys.readCertificates(recipient.getBytes(StandardCharsets.UTF_8), "an inline recipient key");
    }
    if (recipient.startsWith("file:")) {
      Path path = recipient.startsWith("file:/") ? Path.of(URI.create(recipient)) : Path.of(recipient.substring(5));
      try {
        return Keys.readCertificates(Files.readAllBytes(path), "recipient key file " + path);
      } catch (NoSuchFileException e) {
        throw new EncryptionException("recipient key file " + path + " does not exist: fix the recipient", e);
      } catch (IOException e) {
        throw new EncryptionException("recipient key file " + path + " cannot be read: " + e.getMessage(), e);
      }
    }
    Optional<String> material = secrets.resolve(SecretRef.of(recipient));
    if (material.isEmpty()) {
      throw new EncryptionException("recipient '" + recipient + "' is neither an armored key (" + ARMOR
          + "...), nor a file: URI, nor a name the host's SecretResolver knows: register the key under this name or fix the recipient");
    }
    return Keys.readCertificates(material.get().getBytes(StandardCharsets.UTF_8), "recipient '" + recipient + "'");
  }

  private static @Nullable Signer signer(Encryption encryption, SecretResolver secrets, Date at) {
    SecretRef key = encryption.signingKey();
    if (key == null) {
      return null;
    }
    byte[] material = secrets.require(key).getBytes(StandardCharsets.UTF_8);
    SecretRef passphraseRef = encryption.signingPassphrase();
    char[] passphrase = passphraseRef == null ? null : secrets.require(passphraseRef).toCharArray();
    return Signer.of(material, passphrase, at);
  }
}
