package io.exportkit.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Sits right above the transport's upload stream: counts and hashes the bytes delivered, and marks
 * any {@link IOException} the transport throws as a {@link TransportIOException}, so a failed run
 * can tell a delivery failure from a format or stage failure.
 */
final class DeliveredBytes extends FilterOutputStream {
  private final MessageDigest sha256;
  private long count;

  DeliveredBytes(OutputStream upload) {
    super(upload);
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw new TransportIOException(e);
    }
    sha256.update(b, off, len);
    count += len;
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      throw new TransportIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      out.close();
    } catch (IOException e) {
      throw new TransportIOException(e);
    }
  }

  long count() {
    return count;
  }

  /** Hex SHA-256 of everything written; call once, after the last write. */
  String sha256Hex() {
    return HexFormat.of().formatHex(sha256.digest());
  }

  /** An I/O failure of the transport's stream, as opposed to one of a writer or a stage above it. */
  static final class TransportIOException extends IOException {
    private static final long serialVersionUID = 1L;

    TransportIOException(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
