package io.exportkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code gpg} command, in a home directory of its own (the minimal part of export-crypto's
 * test helper). Fails the test, never skips it, when GnuPG is not installed: {@code .ci/run}
 * installs it. {@link #close()} stops the gpg-agent that gpg starts for the home.
 */
final class GnuPg implements AutoCloseable {
  static final String PASSPHRASE = "correct horse battery staple";

  private final Path home;

  private GnuPg(Path home) {
    this.home = home;
  }

  /** A GnuPG with an empty keyring in {@code home}, which is created. */
  static GnuPg in(Path home) throws IOException {
    Files.createDirectories(home);
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    GnuPg gpg = new GnuPg(home);
    try {
      gpg.run(new byte[0], "--version").ok();
    } catch (UncheckedIOException e) {
      throw new AssertionError("the gpg command is missing: these tests need GnuPG (Debian package gnupg;"
          + " .ci/run installs it)", e);
    }
    return gpg;
  }

  /** What one gpg command did. */
  record Result(int exit, byte[] stdout, String stderr) {
    Result ok() {
      assertThat(exit).as("gpg failed: %s", stderr).isZero();
      return this;
    }
  }

  /** Runs {@code gpg --homedir HOME --batch ARGS} with {@code stdin}, for at most two minutes. */
  Result run(byte[] stdin, String... args) {
    List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--no-tty",
        "--yes", "--pinentry-mode", "loopback", "--trust-model", "always"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).start();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin);
      } catch (IOException e) {
        // gpg may exit before reading its input; its exit code and stderr say why.
      }
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("gpg " + args[0] + " did not finish within two minutes");
      }
      return new Result(process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while gpg ran", e);
    }
  }

  /**
   * Makes an Ed25519 key with a Curve25519 encryption subkey for {@code email}, protected by
   * {@link #PASSPHRASE}, and writes its armored public key to {@code email.pub.asc} and its armored
   * secret key to {@code email.sec.asc} in {@code dir}; returns its fingerprint.
   */
  String generate(String email, Path dir) throws IOException {
    run(new byte[0], "--passphrase", PASSPHRASE, "--quick-gen-key", "Test <" + email + ">", "ed25519", "cert,sign",
        "never").ok();
    String colons = new String(run(new byte[0], "--with-colons", "--list-keys", "<" + email + ">").ok().stdout(),
        StandardCharsets.UTF_8);
    String fingerprint = colons.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
    run(new byte[0], "--passphrase", PASSPHRASE, "--quick-add-key", fingerprint, "cv25519", "encr", "never").ok();
    Files.write(dir.resolve(email + ".pub.asc"), run(new byte[0], "--armor", "--export", fingerprint).ok().stdout());
    Files.write(dir.resolve(email + ".sec.asc"),
        run(new byte[0], "--passphrase", PASSPHRASE, "--armor", "--export-secret-keys", fingerprint).ok().stdout());
    return fingerprint;
  }

  /** {@code message} decrypted by gpg, with its status lines (e.g. {@code VALIDSIG FPR}) in {@link Result#stderr()}. */
  Result decrypt(byte[] message) {
    return run(message, "--status-fd", "2", "--passphrase", PASSPHRASE, "--decrypt");
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all").start().waitFor(10, TimeUnit.SECONDS);
  }
}
