package io.exportkit.crypto.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.operator.PGPDataEncryptor;
import org.bouncycastle.openpgp.operator.PGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;

/**
 * The data encryptor of integrity-protected (SEIPD v1) messages: AES-256 in OpenPGP's CFB mode
 * with the JDK's AES, plus the SHA-1 of the modification detection code, also the JDK's, hashed on
 * a second thread.
 *
 * <p>Why not {@code JcePGPDataEncryptorBuilder}: it runs the JDK's {@code AES/CFB}, which enciphers
 * one block per Java call and reaches about half of what the JDK's AES does in CBC mode, where a
 * hardware-accelerated loop handles the whole buffer. CFB can be computed with CBC: with keystream
 * blocks {@code O1 = E(IV)} and {@code O(i+1) = E(C(i)) = E(P(i) xor O(i))}, the keystream after
 * {@code O1} is exactly the CBC encryption of the plaintext with {@code O1} as IV. So the ciphertext
 * is the plaintext XOR {@code O1} followed by the CBC output, shifted by one block. The tests hold
 * this equal to the JDK's CFB, and GnuPG decrypts it.
 */
public final class JdkCfbEncryptorBuilder implements PGPDataEncryptorBuilder {
  private static final int BLOCK = 16;
  private static final int CHUNK = 64 * 1024;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private final SecureRandom random;

  public JdkCfbEncryptorBuilder(SecureRandom random) {
    this.random = random;
  }

  @Override
  public int getAlgorithm() {
    return SymmetricKeyAlgorithmTags.AES_256;
  }

  /** No AEAD: Bouncy Castle's generator then writes a SEIPD v1 packet. */
  @Override
  public int getAeadAlgorithm() {
    return -1;
  }

  @Override
  public int getChunkSize() {
    return 0;
  }

  @Override
  public boolean isV5StyleAEAD() {
    return false;
  }

  @Override
  public SecureRandom getSecureRandom() {
    return random;
  }

  @Override
  public PGPDataEncryptor build(byte[] keyBytes) throws PGPException {
    try {
      Cipher cbc = Cipher.getInstance("AES/CBC/NoPadding");
      cbc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyBytes, "AES"), new IvParameterSpec(new byte[BLOCK]));
      ParallelSha1 mdc = new ParallelSha1(MessageDigest.getInstance("SHA-1"));
      return new PGPDataEncryptor() {
        @Override
        public OutputStream getOutputStream(OutputStream out) {
          return new CfbOutputStream(out, cbc);
        }

        @Override
        public PGPDigestCalculator getIntegrityCalculator() {
          return mdc;
        }

        @Override
        public int getBlockSize() {
          return BLOCK;
        }
      };
    } catch (GeneralSecurityException e) {
      throw new PGPException("the JDK cannot run AES-256 (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public PGPDataEncryptor build(byte[] keyBytes, byte[] associatedData) {
    throw new UnsupportedOperationException("AEAD is not written by this encryptor");
  }

  @Override
  public PGPDataEncryptorBuilder setWithIntegrityPacket(boolean withIntegrityPacket) {
    if (!withIntegrityPacket) {
      throw new UnsupportedOperationException("messages without integrity protection are never written");
    }
    return this;
  }

  @Override
  public PGPDataEncryptorBuilder setWithAEAD(int aeadAlgorithm, int chunkSize) {
    throw new UnsupportedOperationException("AEAD is not written by this encryptor");
  }

  @Override
  public PGPDataEncryptorBuilder setUseV5AEAD() {
    throw new UnsupportedOperationException("AEAD is not written by this encryptor");
  }

  @Override
  public PGPDataEncryptorBuilder setUseV6AEAD() {
    throw new UnsupportedOperationException("AEAD is not written by this encryptor");
  }

  /** CFB with a zero IV, computed through CBC (see the class comment). Writes every byte at once. */
  static final class CfbOutputStream extends ChunkedOutputStream {
    private final OutputStream out;
    private final Cipher cbc;
    /** The keystream: [0, 16) is the current block's, then the CBC output for the blocks completed. */
    private final byte[] keystream = new byte[BLOCK + CHUNK + BLOCK];
    private final byte[] ciphertext = new byte[CHUNK];
    /** Bytes of the current block already enciphered. */
    private int used;

    /** {@code cbc} is initialised with a zero IV; its first block makes {@code O1 = E(0)} its chaining value. */
    CfbOutputStream(OutputStream out, Cipher cbc) {
      super(CHUNK);
      this.out = out;
      this.cbc = cbc;
      update(new byte[BLOCK], 0, BLOCK, keystream, 0);
    }

    @Override
    void writeChunk(byte[] b, int off, int n) throws IOException {
      int produced = update(b, off, n, keystream, BLOCK);
      xor(b, off, keystream, used, ciphertext, n);
      out.write(ciphertext, 0, n);
      if (produced > 0) {
        // The last CBC output is the keystream of the block after the last one completed.
        System.arraycopy(keystream, produced, keystream, 0, BLOCK);
      }
      used = (used + n) % BLOCK;
    }

    private int update(byte[] in, int off, int len, byte[] output, int outputOffset) {
      try {
        return cbc.update(in, off, len, output, outputOffset);
      } catch (ShortBufferException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** {@code out[0, n) = a[aOff, aOff + n) xor b[bOff, bOff + n)}, eight bytes at a time where it can. */
  static void xor(byte[] a, int aOff, byte[] b, int bOff, byte[] out, int n) {
    int i = 0;
    for (; i + Long.BYTES <= n; i += Long.BYTES) {
      LONGS.set(out, i, (long) LONGS.get(a, aOff + i) ^ (long) LONGS.get(b, bOff + i));
    }
    for (; i < n; i++) {
      out[i] = (byte) (a[aOff + i] ^ b[bOff + i]);
    }
  }

  /**
   * The modification detection code's SHA-1, on the JDK's digest (SHA-NI where the CPU has it),
   * computed on a helper thread while the writing thread enciphers: the bytes are copied into a ring
   * of four 64 KiB buffers, and each full buffer is hashed after the one before it. Several
   * buffers absorb the helper's wake-up delays.
   */
  static final class ParallelSha1 implements PGPDigestCalculator {
    private static final ExecutorService HASHING = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "exportkit-openpgp-sha1");
      thread.setDaemon(true);
      return thread;
    });
    private static final int BUFFERS = 4;

    private final MessageDigest sha1;
    private final byte[][] buffers = new byte[BUFFERS][CHUNK];
    /** When each buffer's bytes have been hashed, and it may be filled again. */
    private final CompletableFuture<?>[] hashed = new CompletableFuture<?>[BUFFERS];
    private CompletableFuture<?> last = CompletableFuture.completedFuture(null);
    private int current;
    private int filled;
    private final OutputStream stream = new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        while (len > 0) {
          int n = Math.min(len, CHUNK - filled);
          System.arraycopy(b, off, buffers[current], filled, n);
          filled += n;
          off += n;
          len -= n;
          if (filled == CHUNK) {
            handOver();
          }
        }
      }
    };

    ParallelSha1(MessageDigest sha1) {
      this.sha1 = sha1;
      Arrays.fill(hashed, last);
    }

    private void handOver() {
      byte[] buffer = buffers[current];
      last = last.thenRunAsync(() -> sha1.update(buffer, 0, CHUNK), HASHING);
      hashed[current] = last;
      current = (current + 1) % BUFFERS;
      filled = 0;
      hashed[current].join();
    }

    @Override
    public int getAlgorithm() {
      return HashAlgorithmTags.SHA1;
    }

    @Override
    public OutputStream getOutputStream() {
      return stream;
    }

    @Override
    public byte[] getDigest() {
      last.join();
      sha1.update(buffers[current], 0, filled);
      return sha1.digest();
    }

    @Override
    public void reset() {
      last.join();
      filled = 0;
      sha1.reset();
    }
  }
}
