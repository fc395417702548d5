package io.exportkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --encrypt-to}, {@code --armor}, {@code --sign-with} and {@code --decrypt}, checked against
 * the real {@code gpg}: it decrypts what the demo encrypts to the plaintext of the same export, and
 * the demo decrypts what it encrypts.
 */
class DemoOpenPgpTest {
  private static final Map<String, String> PASSPHRASE = Map.of("DEMO_PGP_PASSPHRASE", GnuPg.PASSPHRASE);

  @TempDir
  static Path dir;

  private static GnuPg gpg;
  private static String recipient;
  private static String signer;
  private static byte[] plaintext;

  @BeforeAll
  static void generateKeysAndExportThePlaintext() throws IOException {
    gpg = GnuPg.in(dir.resolve("gnupg"));
    recipient = gpg.generate("recipient@example.org", dir);
    signer = gpg.generate("signer@example.org", dir);
    Demo.Result result = export("plain");
    assertThat(result.exit()).as(result.err()).isZero();
    plaintext = Files.readAllBytes(dir.resolve("plain/demo.csv"));
  }

  @AfterAll
  static void stopTheAgent() throws Exception {
    gpg.close();
  }

  @Test
  void armoredExportDecryptsWithGpgToTheSameExportUnencrypted() throws IOException {
    Demo.Result result = export("armored", "--encrypt-to", key("recipient", "pub"), "--armor");

    Path file = delivered(result, "armored/demo.csv.asc");
    assertThat(Files.readString(file)).startsWith("-----BEGIN PGP MESSAGE-----");
    assertThat(gpg.decrypt(Files.readAllBytes(file)).ok().stdout()).isEqualTo(plaintext);
    assertThat(result.report().get("recipients").toString()).containsIgnoringCase(recipient);
  }

  @Test
  void signedExportIsVerifiedByGpg() throws IOException {
    Demo.Result result = export(PASSPHRASE, "signed", "--encrypt-to", key("recipient", "pub"),
        "--sign-with", key("signer", "sec"), "--sign-passphrase-env", "DEMO_PGP_PASSPHRASE");

    GnuPg.Result decrypted = gpg.decrypt(Files.readAllBytes(delivered(result, "signed/demo.csv.gpg"))).ok();
    assertThat(decrypted.stdout()).isEqualTo(plaintext);
    assertThat(decrypted.stderr()).containsIgnoringCase("VALIDSIG " + signer);
  }

  @Test
  void signingPassphraseVariableThatIsNotSetExitsWithTwoNamingIt() {
    Demo.Result result = export("unset", "--encrypt-to", key("recipient", "pub"),
        "--sign-with", key("signer", "sec"), "--sign-passphrase-env", "DEMO_PGP_PASSPHRASE");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("DEMO_PGP_PASSPHRASE is not set");
    assertThat(dir.resolve("unset")).doesNotExist();
  }

  @Test
  void recipientFileThatHoldsNoKeyExitsWithTwo() {
    Demo.Result result = export("no-key", "--encrypt-to", key("signer", "sec").replace(".sec.", ".none."));
    Demo.Result notAKey = export("not-a-key", "--encrypt-to", dir.resolve("plain/demo.csv").toString());

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("no such readable file");
    assertThat(notAKey.exit()).isEqualTo(2);
    assertThat(notAKey.err()).contains("holds no OpenPGP public key");
    assertThat(dir.resolve("no-key")).doesNotExist();
    assertThat(dir.resolve("not-a-key")).doesNotExist();
  }

  @Test
  void fileGpgEncryptedAndSignedDecryptsAndVerifies() throws IOException {
    Path in = gpgEncryptedAndSigned("incoming.csv.gpg");
    Path out = dir.resolve("incoming.csv");

    Demo.Result result = Demo.run(PASSPHRASE, "--decrypt", in.toString(), "--secret-key", key("recipient", "sec"),
        "--passphrase-env", "DEMO_PGP_PASSPHRASE", "--verify-with", key("signer", "pub"), "--out", out.toString());

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(plaintext);
    Map<String, Object> report = result.report();
    assertThat(report).containsEntry("outcome", "SUCCEEDED").containsEntry("bytes", (long) plaintext.length)
        .containsEntry("file", out.toString());
    assertThat(report.get("decryptedWith").toString()).isEqualToIgnoringCase(recipient);
    assertThat(report.get("signer").toString()).isEqualToIgnoringCase(signer);
  }

  @Test
  void wrongSecretKeyExitsWithOneAndWritesNothing() throws IOException {
    Path in = gpgEncryptedAndSigned("misdirected.csv.gpg");
    Path out = dir.resolve("misdirected.csv");

    Demo.Result result = Demo.run(PASSPHRASE, "--decrypt", in.toString(), "--secret-key", key("signer", "sec"),
        "--passphrase-env", "DEMO_PGP_PASSPHRASE", "--out", out.toString());

    assertThat(result.exit()).isEqualTo(1);
    Map<String, Object> report = result.report();
    assertThat(report).containsEntry("outcome", "FAILED");
    assertThat(report.get("error").toString()).contains("none of which is a secret key this decryptor holds");
    assertThat(result.out()).doesNotContain(GnuPg.PASSPHRASE);
    assertThat(out).doesNotExist();
  }

  private static Path gpgEncryptedAndSigned(String name) throws IOException {
    Path in = dir.resolve(name);
    Files.write(in, gpg.run(plaintext, "--passphrase", GnuPg.PASSPHRASE, "--local-user", signer, "--recipient",
        recipient, "--sign", "--encrypt").ok().stdout());
    return in;
  }

  private static String key(String name, String kind) {
    return dir.resolve(name + "@example.org." + kind + ".asc").toString();
  }

  private static Path delivered(Demo.Result result, String path) throws IOException {
    assertThat(result.exit()).as(result.err()).isZero();
    Path file = dir.resolve(path);
    assertThat(result.report()).containsEntry("outcome", "SUCCEEDED")
        .containsEntry("file", file.getFileName().toString()).containsEntry("bytes", Files.size(file));
    return file;
  }

  private static Demo.Result export(String folder, String... options) {
    return export(Map.of(), folder, options);
  }

  /** The same 500-participant export each time, into its own folder. */
  private static Demo.Result export(Map<String, String> environment, String folder, String... options) {
    String[] common = {"--participants", "500", "--seed", "7", "--to", "file:" + dir.resolve(folder), "--naming",
        "demo.{ext}"};
    String[] args = new String[common.length + options.length];
    System.arraycopy(common, 0, args, 0, common.length);
    System.arraycopy(options, 0, args, common.length, options.length);
    return Demo.run(environment, args);
  }
}
