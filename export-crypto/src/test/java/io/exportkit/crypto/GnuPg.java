package io.exportkit.crypto;

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
 * The real {@code gpg} command, in a home directory of its own. Fails the test, never skips it,
 * when GnuPG is not installed: {@code .ci/run} installs it. {@link #close()} stops the gpg-agent
 * that gpg starts for the home.
 */
final class GnuPg implements AutoCloseable {
  private final Path home;

  private GnuPg(Path home) {
    this.home = home;
  }

  /** A GnuPG with an empty keyring in {@code home}, which is created. */
  static GnuPg in(Path home) {
    try {
      Files.createDirectories(home);
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GnuPg gpg = new GnuPg(home);
    Result version;
    try {
      version = gpg.run(new byte[0], "--version");
    } catch (UncheckedIOException e) {
      throw new AssertionError("the gpg command is missing: these interoperability tests need GnuPG"
          + " (Debian package gnupg; .ci/run installs it)", e);
    }
    assertThat(version.exit()).as("gpg --version").isZero();
    return gpg;
  }

  /** What one gpg command did. */
  record Result(int exit, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

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

  Result run(String... args) {
    return run(new byte[0], args);
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

  /** Imports keys (public or secret, armored or binary). */
  void importKeys(byte[] keys) {
    run(keys, "--import").ok();
  }

  /** The fingerprint of the key with user id {@code email}. */
  String fingerprint(String email) {
    String colons = run("--with-colons", "--list-keys", "<" + email + ">").ok().out();
    return colons.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
  }

  byte[] exportPublic(String fingerprint, boolean armor) {
    return armor ? run("--armor", "--export", fingerprint).ok().stdout() : run("--export", fingerprint).ok().stdout();
  }

  byte[] exportSecret(String fingerprint, String passphrase) {
    return run("--passphrase", passphrase, "--armor", "--export-secret-keys", fingerprint).ok().stdout();
  }

  /** {@code message} decrypted by gpg, with its status lines (e.g. {@code VALIDSIG FPR}) in {@link Result#stderr()}. */
  Result decrypt(byte[] message, String passphrase) {
    return run(message, "--status-fd", "2", "--passphrase", passphrase, "--decrypt");
  }

  Path home() {
    return home;
  }

  @Override
  public void close() {
    stopAgent(home);
  }

  /** Stops the gpg-agent of {@code home}, if one runs. */
  static void stopAgent(Path home) {
    try {
      new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all").start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      // Without gpgconf there is no agent to stop.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
