package io.exportkit.crypto;

import io.exportkit.Encryption;
import io.exportkit.ExportDefinition;
import io.exportkit.SecretResolver;
import io.exportkit.crypto.internal.EncryptionSetup;
import io.exportkit.crypto.internal.MessageWriter;
import io.exportkit.spi.OutputStage;
import io.exportkit.spi.OutputStageProvider;
import io.exportkit.spi.StageContext;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code openpgp} output stage: encrypts each delivered file to the recipients of the export's
 * {@link Encryption}, with AES-256 in an integrity-protected packet, optionally signed by the host's
 * key, binary ({@code .gpg}) or ASCII-armored ({@code .asc}). GnuPG and every current OpenPGP
 * implementation decrypt it. Discovered through {@code META-INF/services}; register
 * {@code new OpenPgpStageProvider(options)} with {@code ExportService.builder().outputStage(...)}
 * to change the {@link OpenPgpOptions}.
 *
 * <p>Keys come from the {@link Encryption}: each recipient is an armored public key
 * ({@code -----BEGIN PGP PUBLIC KEY BLOCK-----...}), a {@code file:} URI of a key file (armored or
 * binary, one key or a keyring), or the name of a secret the host's {@link SecretResolver} maps to
 * an armored public key. The signing key and its passphrase are secret references resolved the
 * same way. Each recipient is encrypted to through its newest valid encryption subkey; an expired,
 * revoked or sign-only key fails the run before any byte is sent, with an
 * {@link UnusableKeyException} naming its fingerprint. The run's
 * {@link io.exportkit.ExportRun#details()} carry the recipients' fingerprints under
 * {@code recipients}, comma-separated.
 *
 * <p>Stateless and thread-safe.
 */
public final class OpenPgpStageProvider implements OutputStageProvider {

  /** The stage id the pipeline asks for when a definition has an {@link Encryption}. */
  public static final String ID = "openpgp";

  private static final Logger log = LoggerFactory.getLogger(OpenPgpStageProvider.class);

  private final OpenPgpOptions options;

  /** The provider with {@link OpenPgpOptions#defaults()}; the one {@code ServiceLoader} makes. */
  public OpenPgpStageProvider() {
    this(OpenPgpOptions.defaults());
  }

  public OpenPgpStageProvider(OpenPgpOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * Resolves and checks the keys, unlocks the signing key, and returns the stage for one file.
   *
   * @throws EncryptionException (or a subclass) when a key cannot be found, read, used or unlocked;
   *     {@link io.exportkit.ExportException} when the resolver does not know the signing key or passphrase
   */
  @Override
  public OutputStage create(StageContext context) {
    Encryption encryption = encryption(context.definition());
    MessageWriter writer = EncryptionSetup.writer(encryption, context.secrets(), options.compress(), new Date());
    log.debug("Encrypting {} to {} ({})", context.innerFileName(), writer.recipientFingerprints(), writer.describe());
    return new OpenPgpStage(writer, encryption.armor(), context.innerFileName());
  }

  /**
   * What is wrong with {@code definition}'s encryption keys now, one message per key, without
   * running anything: call it when a definition is saved or published to refuse an expired,
   * revoked, sign-only or unreadable key early. The same checks run again for each file.
   *
   * @return the problems, empty when every key is usable or the definition has no encryption
   */
  @Override
  public List<String> validate(ExportDefinition definition, SecretResolver secrets) {
    Objects.requireNonNull(secrets, "secrets");
    Encryption encryption = Objects.requireNonNull(definition, "definition").encryption();
    if (encryption == null) {
      return List.of();
    }
    return EncryptionSetup.problems(encryption, secrets, options.compress(), new Date());
  }

  private static Encryption encryption(ExportDefinition definition) {
    Encryption encryption = definition.encryption();
    if (encryption == null) {
      throw new IllegalStateException("export '" + definition.name() + "' has no encryption configured");
    }
    return encryption;
  }

  @Override
  public String toString() {
    return "OpenPgpStageProvider" + options;
  }

  /** One file's encryption. */
  private static final class OpenPgpStage implements OutputStage {
    private final MessageWriter writer;
    private final boolean armor;
    private final String innerFileName;

    OpenPgpStage(MessageWriter writer, boolean armor, String innerFileName) {
      this.writer = writer;
      this.armor = armor;
      this.innerFileName = innerFileName;
    }

    @Override
    public String extension() {
      return armor ? "asc" : "gpg";
    }

    @Override
    public OutputStream wrap(OutputStream downstream) throws IOException {
      return writer.open(downstream, innerFileName);
    }

    @Override
    public Map<String, String> details() {
      return Map.of("recipients", String.join(",", writer.recipientFingerprints()));
    }
  }
}
