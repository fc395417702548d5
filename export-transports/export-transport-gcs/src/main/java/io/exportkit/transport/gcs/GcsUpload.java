package io.exportkit.transport.gcs;

import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobSourceOption;
import com.google.cloud.storage.Storage.BlobWriteOption;
import com.google.cloud.storage.StorageException;
import io.exportkit.spi.Delivered;
import io.exportkit.spi.Upload;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One object on its way to GCS: a resumable upload fed chunk by chunk as the stream fills, and
 * finished only by {@link #commit()} (see {@link GcsTransportProvider}). Not thread-safe.
 */
final class GcsUpload implements Upload {
  private static final Logger log = LoggerFactory.getLogger(GcsUpload.class);
  /** The most bytes held before the upload session starts; the client buffers a chunk after that. */
  private static final int HOLD_LIMIT = 1024 * 1024;
  /** The key of {@link Delivered#details()} that says what commit compared. */
  static final String VERIFIED = "verified";
  static final String SIZE_ONLY = "size only";

  private final Storage storage;
  private final GcsOptions options;
  private final String name;
  private final URI location;
  private final BlobInfo info;
  private final boolean overwrite;
  private @Nullable WriteChannel channel;
  private final ChunkStream stream = new ChunkStream();
  private final CRC32C crc32c = new CRC32C();
  private long sent;
  /** A write failed: the channel may hold a partial upload, which must never be finished. */
  private boolean broken;
  private boolean ended;

  GcsUpload(Storage storage, GcsOptions options, String fileName, boolean overwrite) {
    this.storage = storage;
    this.options = options;
    this.name = options.objectName(fileName);
    this.location = options.location(fileName);
    this.info = BlobInfo.newBuilder(options.bucket(), name).setContentType(options.contentType())
        .setMetadata(options.metadata().isEmpty() ? null : options.metadata()).build();
    this.overwrite = overwrite;
  }

  @Override
  public OutputStream stream() {
    return stream;
  }

  @Override
  public Delivered commit() throws IOException {
    if (ended) {
      throw new IllegalStateException("upload of " + location + " already ended");
    }
    try {
      if (broken) {
        throw new IOException("finishing " + name + " refused: a write failed, so the upload is incomplete");
      }
      finish();
      String verified = verify();
      ended = true;
      if (verified.equals(SIZE_ONLY)) {
        log.info("Delivered {} ({} bytes), verified by size only: the store reports no CRC32C", location, sent);
      } else {
        log.debug("Delivered {} ({} bytes), verified by size and CRC32C", location, sent);
      }
      return new Delivered(location, sent, Map.of(VERIFIED, verified));
    } catch (IOException | RuntimeException e) {
      abort();
      throw e;
    }
  }

  /** Drops the upload session without finishing it, so GCS never creates the object. */
  @Override
  public void abort() {
    if (!ended) {
      ended = true;
      log.debug("Dropped the unfinished upload of {}", location);
    }
  }

  @Override
  public void close() {
    abort();
  }

  /**
   * Fails when an object has the name already; called as the upload session starts, which for a
   * file under 1 MiB is at commit, just before its only chunk. The session's precondition ({@code
   * ifGenerationMatch=0}) makes GCS refuse too, but some emulators ignore it; with them, an object
   * that appears between this check and the last chunk is still replaced. (The check cannot wait
   * for commit in every case: Google's in-process fake shows an object as soon as its session starts.)
   */
  private void refuseExisting() throws IOException {
    Blob existing;
    try {
      existing = storage.get(BlobId.of(options.bucket(), name));
    } catch (StorageException e) {
      throw GcsFailures.of(e, "checking", name, options);
    }
    if (existing != null) {
      throw GcsFailures.taken(name, null);
    }
  }

  /** The upload session, started on first use (some stores check the precondition right then). */
  private WriteChannel channel() throws IOException {
    if (channel == null) {
      if (!overwrite) {
        refuseExisting();
      }
      try {
        channel = overwrite ? storage.writer(info) : storage.writer(info, BlobWriteOption.doesNotExist());
      } catch (StorageException e) {
        throw GcsFailures.of(e, "starting the upload of", name, options);
      }
      channel.setChunkSize(options.chunkSize());
    }
    return channel;
  }

  /** Sends the last chunk, which makes GCS create the object. */
  private void finish() throws IOException {
    stream.send(new byte[0], 0, 0);
    try {
      channel().close();
    } catch (IOException | StorageException e) {
      throw GcsFailures.of(e, "finishing", name, options);
    }
  }

  /**
   * Compares the object's size and CRC32C with what was sent, and returns what matched: {@code
   * CRC32C} or {@value #SIZE_ONLY}; deletes that generation when they differ.
   */
  private String verify() throws IOException {
    Blob blob;
    try {
      blob = storage.get(BlobId.of(options.bucket(), name));
    } catch (StorageException e) {
      throw GcsFailures.of(e, "verifying", name, options);
    }
    if (blob == null) {
      throw new IOException("verifying " + name + " failed: GCS reports no object after the upload");
    }
    String crc = crc32c();
    boolean sizeMatches = blob.getSize() != null && blob.getSize() == sent;
    // GCS always reports a CRC32C; some fakes and emulators do not, and then the size alone is checked.
    if (sizeMatches && blob.getCrc32c() == null) {
      return SIZE_ONLY;
    }
    if (sizeMatches && crc.equals(blob.getCrc32c())) {
      return "CRC32C";
    }
    try {
      storage.delete(blob.getBlobId(), BlobSourceOption.generationMatch());
    } catch (StorageException e) {
      log.warn("Could not delete {} (generation {}), whose content differs from what was sent", location,
          blob.getGeneration(), e);
    }
    throw new IOException("verifying " + name + " failed: GCS holds " + blob.getSize() + " bytes with CRC32C "
        + blob.getCrc32c() + " but " + sent + " bytes with CRC32C " + crc + " were sent; the object was deleted. Run the"
        + " export again; if it keeps failing, the store or a proxy in between alters the data");
  }

  /** The CRC32C of the bytes sent, as GCS writes it: base64 of the big-endian value. */
  private String crc32c() {
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc32c.getValue()).array());
  }

  /**
   * Holds the first bytes, up to 1 MiB, so that a small file starts its upload
   * session only at commit; then hands everything to the channel, which sends a chunk each time it
   * has one.
   */
  private final class ChunkStream extends OutputStream {
    private byte[] held = new byte[64 * 1024];
    private int heldLength;
    private boolean closed;

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (closed || ended || broken) {
        throw new IOException("the upload stream of " + name + " is closed");
      }
      if (channel == null && heldLength + len <= HOLD_LIMIT) {
        if (heldLength + len > held.length) {
          held = Arrays.copyOf(held, Math.max(heldLength + len, Math.min(2 * held.length, HOLD_LIMIT)));
        }
        System.arraycopy(b, off, held, heldLength, len);
        heldLength += len;
      } else {
        send(b, off, len);
      }
      crc32c.update(b, off, len);
      sent += len;
    }

    /** Leaves the upload open: only commit finishes it. */
    @Override
    public void close() {
      closed = true;
    }

    /** Sends what is held, then {@code b}. */
    void send(byte[] b, int off, int len) throws IOException {
      WriteChannel open = channel();
      broken = true;
      try {
        if (heldLength > 0) {
          writeFully(open, ByteBuffer.wrap(held, 0, heldLength));
          held = new byte[0];
          heldLength = 0;
        }
        writeFully(open, ByteBuffer.wrap(b, off, len));
      } catch (IOException | StorageException e) {
        throw GcsFailures.of(e, "sending", name, options);
      }
      broken = false;
    }

    private static void writeFully(WriteChannel channel, ByteBuffer bytes) throws IOException {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }
  }
}
