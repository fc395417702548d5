package io.exportkit.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Keys made by the real {@code gpg}, once per test JVM (RSA-3072 takes a second or so), in a
 * temporary home that is deleted when the JVM exits. Each has an encryption subkey unless its name
 * says otherwise. Public for the tests of the internal package.
 */
public final class TestKeys {
  static final String PASSPHRASE = "correct horse battery staple";

  /** A key as the tests use it. */
  public record Key(String fingerprint, String publicArmored, byte[] publicBinary, String secretArmored, String passphrase) {
    public byte[] secret() {
      return secretArmored.getBytes(StandardCharsets.UTF_8);
    }

    public byte[] publicKey() {
      return publicArmored.getBytes(StandardCharsets.UTF_8);
    }
  }

  private static TestKeys instance;

  final GnuPg gpg;
  public final Key rsa;
  public final Key curve25519;
  public final Key protectedKey;
  public final Key stranger;
  public final Key signOnly;
  public final Key expired;
  public final Key revoked;
  public final Key revokedSubkey;

  public static synchronized TestKeys get() {
    if (instance == null) {
      instance = new TestKeys();
    }
    return instance;
  }

  private TestKeys() {
    Path dir;
    try {
      dir = Files.createTempDirectory("exportkit-keys");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path home = dir.resolve("home");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      GnuPg.stopAgent(home);
      delete(dir);
    }));
    gpg = GnuPg.in(home);
    rsa = generate("rsa@example.org", "rsa3072", "rsa3072", "", "");
    curve25519 = generate("curve@example.org", "ed25519", "cv25519", "", "");
    protectedKey = generate("protected@example.org", "ed25519", "cv25519", PASSPHRASE, "");
    stranger = generate("stranger@example.org", "ed25519", "cv25519", "", "");
    signOnly = generate("sign-only@example.org", "ed25519", null, "", "");
    // Made as if on 2020-01-01, valid for one day.
    expired = generate("expired@example.org", "ed25519", "cv25519", "", "20200101T000000");
    Key toRevoke = generate("revoked@example.org", "ed25519", "cv25519", "", "");
    gpg.importKeys(revocationCertificate(toRevoke.fingerprint()));
    revoked = reexport(toRevoke);
    Key withSubkey = generate("revoked-subkey@example.org", "ed25519", "cv25519", "", "");
    gpg.run("key 1\nrevkey\ny\n0\n\ny\nsave\n".getBytes(StandardCharsets.UTF_8), "--command-fd", "0", "--passphrase", "",
        "--edit-key", withSubkey.fingerprint()).ok();
    revokedSubkey = reexport(withSubkey);
  }

  private Key generate(String email, String primary, String encryption, String passphrase, String fakedTime) {
    String expiry = fakedTime.isEmpty() ? "never" : "1d";
    String[] time = fakedTime.isEmpty() ? new String[0] : new String[] {"--faked-system-time", fakedTime};
    gpg.run(concat(time, "--passphrase", passphrase, "--quick-gen-key", "Test <" + email + ">", primary,
        encryption == null ? "sign" : "cert,sign", expiry)).ok();
    String fingerprint = gpg.fingerprint(email);
    if (encryption != null) {
      gpg.run(concat(time, "--passphrase", passphrase, "--quick-add-key", fingerprint, encryption, "encr", expiry)).ok();
    }
    return export(fingerprint, passphrase);
  }

  private Key reexport(Key key) {
    return export(key.fingerprint(), key.passphrase());
  }

  private Key export(String fingerprint, String passphrase) {
    return new Key(fingerprint, new String(gpg.exportPublic(fingerprint, true), StandardCharsets.UTF_8),
        gpg.exportPublic(fingerprint, false), new String(gpg.exportSecret(fingerprint, passphrase), StandardCharsets.UTF_8),
        passphrase);
  }

  /** gpg stores one with each new key, its armor lines prefixed with ':' against accidental import. */
  private byte[] revocationCertificate(String fingerprint) {
    try {
      String stored = Files.readString(gpg.home().resolve("openpgp-revocs.d").resolve(fingerprint + ".rev"));
      return stored.replaceAll("(?m)^:", "").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String[] concat(String[] first, String... rest) {
    return Stream.concat(Stream.of(first), Stream.of(rest)).toArray(String[]::new);
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: the JVM is exiting.
    }
  }
}
