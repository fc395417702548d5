package io.exportkit.crypto.internal;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A temporary file that holds decrypted data until it may be released. The file is encrypted
 * with a key that lives only in this object (AES-256/CTR, the JDK's), so no plaintext reaches the
 * disk, and it is deleted on {@link #close()}. Not thread-safe.
 */
public final class Spool implements Closeable {
  private static final int CHUNK = 64 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final SecretKeySpec key;
  private final IvParameterSpec iv;

  public Spool(Path directory) throws IOException {
    byte[] keyBytes = new byte[32];
    byte[] ivBytes = new byte[16];
    RANDOM.nextBytes(keyBytes);
    RANDOM.nextBytes(ivBytes);
    this.key = new SecretKeySpec(keyBytes, "AES");
    this.iv = new IvParameterSpec(ivBytes);
    this.file = Files.createTempFile(directory, "exportkit-decrypt-", ".spool");
  }

  /** The stream to spool into; close it before {@link #copyTo}. */
  public OutputStream sink() throws IOException {
    Cipher cipher = cipher(Cipher.ENCRYPT_MODE);
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), CHUNK);
    return new ChunkedOutputStream(CHUNK) {
      private final byte[] buffer = new byte[CHUNK];

      @Override
      void writeChunk(byte[] b, int off, int len) throws IOException {
        out.write(buffer, 0, update(cipher, b, off, len, buffer));
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

  /** Writes what was spooled, decrypted, to {@code out}. */
  public void copyTo(OutputStream out) throws IOException {
    Cipher cipher = cipher(Cipher.DECRYPT_MODE);
    byte[] in = new byte[CHUNK];
    byte[] plain = new byte[CHUNK];
    try (InputStream spooled = Files.newInputStream(file)) {
      int n;
      while ((n = spooled.read(in)) > 0) {
        out.write(plain, 0, update(cipher, in, 0, n, plain));
      }
    }
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(file);
  }

  private Cipher cipher(int mode) throws IOException {
    try {
      Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
      cipher.init(mode, key, iv);
      return cipher;
    } catch (GeneralSecurityException e) {
      throw new IOException("the JDK cannot run AES/CTR for the decryption spool: " + e.getMessage(), e);
    }
  }

  private static int update(Cipher cipher, byte[] in, int off, int len, byte[] out) {
    try {
      return cipher.update(in, off, len, out, 0);
    } catch (ShortBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
