package io.exportkit.transport.s3;

import io.exportkit.spi.Delivered;
import io.exportkit.spi.Upload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One object on its way to S3: a multipart upload fed part by part as the stream fills, completed
 * at commit and aborted otherwise (see {@link S3TransportProvider}). Not thread-safe; the parts go
 * up on threads of their own.
 */
final class S3Upload implements Upload {
  private static final Logger log = LoggerFactory.getLogger(S3Upload.class);

  /** S3 takes at most this many parts in one multipart upload. */
  private static final int MAX_PARTS = 10_000;
  /** The first buffer starts small and grows, so that a small file never takes a whole part. */
  private static final int FIRST_BUFFER = 64 * 1024;
  private static final long SHUTDOWN_WAIT_SECONDS = 60;
  private static final AtomicInteger THREADS = new AtomicInteger();
  /** The key of {@link Delivered#details()} that says what commit compared. */
  static final String VERIFIED = "verified";
  static final String SIZE_ONLY = "size only";

  private final S3Client s3;
  private final S3Options options;
  private final String key;
  private final URI location;
  private final boolean overwrite;
  private final PartStream stream = new PartStream();
  /** Of every byte written, for stores that report the whole object's MD5 or CRC32C. */
  private final MessageDigest wholeMd5 = digest();
  private final CRC32C wholeCrc32c = new CRC32C();

  /** One permit per part buffer that may exist: the one being filled and those being sent. */
  private final Semaphore buffers;
  private final LinkedBlockingQueue<byte[]> spare = new LinkedBlockingQueue<>();
  private final List<Future<Part>> parts = new ArrayList<>();
  private final AtomicReference<@Nullable SdkException> partFailure = new AtomicReference<>();
  private byte @Nullable [] buffer;
  private int filled;
  private long sent;
  private @Nullable ExecutorService senders;
  private @Nullable String uploadId;
  private boolean ended;

  S3Upload(S3Client s3, S3Options options, String fileName, boolean overwrite) {
    this.s3 = s3;
    this.options = options;
    this.key = options.key(fileName);
    this.location = options.location(fileName);
    this.overwrite = overwrite;
    this.buffers = new Semaphore(options.parallelParts());
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
      if (!overwrite) {
        refuseExisting();
      }
      Expected expected = uploadId == null ? putWhole() : completeParts();
      String verified = verify(expected);
      ended = true;
      if (verified.equals(SIZE_ONLY)) {
        log.info("Delivered {} ({} bytes), verified by size only: the store reports neither a CRC32C nor an ETag that"
            + " is an MD5 of what was sent", location, sent);
      } else {
        log.debug("Delivered {} ({} bytes), verified by size and {}", location, sent, verified);
      }
      return new Delivered(location, sent, Map.of(VERIFIED, verified));
    } catch (IOException | RuntimeException e) {
      abort();
      throw e;
    }
  }

  @Override
  public void abort() {
    if (ended) {
      return;
    }
    ended = true;
    buffer = null;
    spare.clear();
    if (senders != null) {
      senders.shutdownNow();
      try {
        // Parts still in flight could land after the abort and keep their storage: let them end first.
        senders.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (uploadId != null) {
      try {
        s3.abortMultipartUpload(b -> b.bucket(options.bucket()).key(key).uploadId(uploadId));
        log.debug("Aborted the multipart upload of {}", location);
      } catch (SdkException e) {
        log.warn("Could not abort the multipart upload {} of {}: it stays pending until aborted by hand or by the"
            + " bucket's AbortIncompleteMultipartUpload lifecycle rule", uploadId, location, e);
      }
    }
  }

  @Override
  public void close() {
    abort();
  }

  private void refuseExisting() throws IOException {
    try {
      s3.headObject(b -> b.bucket(options.bucket()).key(key));
    } catch (NoSuchKeyException e) {
      return;
    } catch (S3Exception e) {
      // Without s3:ListBucket, S3 answers 403 rather than 404 for a missing key: If-None-Match decides.
      if (e.statusCode() == 404 || e.statusCode() == 403) {
        return;
      }
      throw S3Failures.of(e, "checking", key, options);
    } catch (SdkException e) {
      throw S3Failures.of(e, "checking", key, options);
    }
    throw new FileAlreadyExistsException(key, null,
        "an object with this key exists; change the naming template (e.g. add {run} or the time) or allow overwriting");
  }

  private @Nullable String ifNoneMatch() {
    return overwrite || !options.conditionalWrite() ? null : "*";
  }

  /** Sends a file that fit in one buffer with a single PutObject; returns what S3 should report. */
  private Expected putWhole() throws IOException {
    byte[] data = buffer == null ? new byte[0] : buffer;
    int length = filled;
    Expected expected = expected(null);
    try {
      s3.putObject(b -> b.bucket(options.bucket()).key(key).contentType(options.contentType())
              .metadata(options.metadata()).serverSideEncryption(options.serverSideEncryption())
              .ssekmsKeyId(options.kmsKeyId()).storageClass(options.storageClass())
              .contentLength((long) length).contentMD5(Base64.getEncoder().encodeToString(wholeMd5Bytes()))
              .checksumCRC32C(options.crc32c() ? expected.crc32c() : null).ifNoneMatch(ifNoneMatch()),
          body(data, length));
    } catch (SdkException e) {
      if (!landedDespite(e, expected)) {
        throw S3Failures.of(e, "writing", key, options);
      }
    }
    return expected;
  }

  /** Sends the last part, waits for every part, completes; returns what S3 should report. */
  private Expected completeParts() throws IOException {
    if (filled > 0) {
      sendPart();
    }
    List<CompletedPart> completed = new ArrayList<>(parts.size());
    MessageDigest partDigests = digest();
    for (Future<Part> future : parts) {
      Part part = await(future);
      completed.add(CompletedPart.builder().partNumber(part.number()).eTag(part.eTag())
          .checksumCRC32C(options.crc32c() ? part.crc32c() : null).build());
      partDigests.update(part.md5());
    }
    Objects.requireNonNull(senders).shutdown();
    Expected expected = expected(HexFormat.of().formatHex(partDigests.digest()) + "-" + completed.size());
    try {
      s3.completeMultipartUpload(b -> {
        b.bucket(options.bucket()).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(completed))
            .ifNoneMatch(ifNoneMatch());
        if (options.crc32c()) {
          b.checksumCRC32C(expected.crc32c()).checksumType(ChecksumType.FULL_OBJECT);
        }
      });
    } catch (SdkException e) {
      if (!landedDespite(e, expected)) {
        throw S3Failures.of(e, "completing", key, options);
      }
    }
    uploadId = null;
    return expected;
  }

  /** What the store may report for the bytes written, with {@code multipartETag} for a multipart upload. */
  private Expected expected(@Nullable String multipartETag) {
    String crc32c = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) wholeCrc32c.getValue()).array());
    return new Expected(HexFormat.of().formatHex(wholeMd5Bytes()), multipartETag, crc32c);
  }

  private byte[] wholeMd5Bytes() {
    try {
      // A clone, so that a second call (a retry's check) gets the same digest.
      return ((MessageDigest) wholeMd5.clone()).digest();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's MD5 can be cloned", e);
    }
  }

  /**
   * Whether a write that failed had in fact landed: its answer was lost, the SDK tried again, and
   * the second attempt found the object (412) or the upload already completed (404 NoSuchUpload).
   * Only an object with the size sent and a matching checksum counts as ours: the size alone could
   * be another writer's object.
   */
  private boolean landedDespite(SdkException e, Expected expected) throws IOException {
    boolean answeredBefore = e instanceof S3Exception s3e && (s3e.statusCode() == 412
        || (s3e.awsErrorDetails() != null && "NoSuchUpload".equals(s3e.awsErrorDetails().errorCode())));
    if (!answeredBefore) {
      return false;
    }
    HeadObjectResponse head = head();
    boolean ours = head != null && head.contentLength() == sent && matchingChecksum(head, expected) != null;
    if (ours) {
      log.debug("The write of {} landed although its answer was lost", location);
    }
    return ours;
  }

  /**
   * Compares what S3 holds with what was sent, and returns what matched: {@code CRC32C}, {@code MD5}
   * or {@value #SIZE_ONLY}. Removes the object only when it provably differs: another size, or
   * another full-object CRC32C. An ETag that matches neither MD5 form proves nothing, as stores
   * differ in what they put there (S3 under SSE-KMS, some S3-compatible stores).
   */
  private String verify(Expected expected) throws IOException {
    HeadObjectResponse head = head();
    if (head == null) {
      throw new IOException("verifying " + key + " failed: S3 reports no object after the write");
    }
    String crc32c = fullObjectCrc32c(head);
    boolean differs = head.contentLength() != sent || (crc32c != null && !crc32c.equals(expected.crc32c()));
    if (!differs) {
      String matched = matchingChecksum(head, expected);
      return matched == null ? SIZE_ONLY : matched;
    }
    try {
      s3.deleteObject(b -> b.bucket(options.bucket()).key(key));
    } catch (SdkException e) {
      log.warn("Could not remove {}, whose content differs from what was sent", location, e);
    }
    throw new IOException("verifying " + key + " failed: S3 holds " + head.contentLength() + " bytes"
        + (crc32c == null ? "" : " with CRC32C " + crc32c) + " but " + sent + " bytes"
        + (crc32c == null ? "" : " with CRC32C " + expected.crc32c()) + " were sent; the object was removed."
        + " Run the export again; if it keeps failing, the store or a proxy in between alters the data");
  }

  /** {@code CRC32C} or {@code MD5} when the object's full-object CRC32C or its ETag matches, else null. */
  private static @Nullable String matchingChecksum(HeadObjectResponse head, Expected expected) {
    if (expected.crc32c().equals(fullObjectCrc32c(head))) {
      return "CRC32C";
    }
    String eTag = head.eTag() == null ? "" : head.eTag().replace("\"", "");
    // S3's multipart ETag is the MD5 of the part MD5s followed by -N; several S3-compatible stores
    // report the whole object's MD5 instead.
    if (eTag.equalsIgnoreCase(expected.md5()) || eTag.equalsIgnoreCase(expected.multipartETag())) {
      return "MD5";
    }
    return null;
  }

  /** The object's CRC32C when the store reports one of the whole object (not one of part checksums). */
  private static @Nullable String fullObjectCrc32c(HeadObjectResponse head) {
    String crc32c = head.checksumCRC32C();
    boolean whole = head.checksumType() == null || head.checksumType() == ChecksumType.FULL_OBJECT;
    return crc32c != null && whole && !crc32c.contains("-") ? crc32c : null;
  }

  private @Nullable HeadObjectResponse head() throws IOException {
    try {
      return s3.headObject(b -> b.bucket(options.bucket()).key(key).checksumMode(ChecksumMode.ENABLED));
    } catch (NoSuchKeyException e) {
      return null;
    } catch (SdkException e) {
      if (e instanceof S3Exception s3e && s3e.statusCode() == 404) {
        return null;
      }
      throw S3Failures.of(e, "verifying", key, options);
    }
  }

  private void sendPart() throws IOException {
    if (uploadId == null) {
      uploadId = createMultipartUpload();
      senders = Executors.newFixedThreadPool(options.parallelParts(), task -> {
        Thread thread = new Thread(task, "exportkit-s3-part-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
    }
    if (parts.size() == MAX_PARTS) {
      throw new IOException("writing " + key + " failed: more than " + MAX_PARTS + " parts of " + options.partSize()
          + " bytes; raise the destination option " + S3Options.PART_SIZE);
    }
    int number = parts.size() + 1;
    byte[] data = Objects.requireNonNull(buffer);
    int length = filled;
    buffer = null;
    filled = 0;
    parts.add(Objects.requireNonNull(senders).submit(() -> {
      try {
        return uploadPart(number, data, length);
      } catch (SdkException e) {
        partFailure.compareAndSet(null, e);
        throw e;
      } finally {
        spare.offer(data);
        buffers.release();
      }
    }));
  }

  private String createMultipartUpload() throws IOException {
    try {
      String id = s3.createMultipartUpload(b -> {
        b.bucket(options.bucket()).key(key).contentType(options.contentType())
            .metadata(options.metadata()).serverSideEncryption(options.serverSideEncryption())
            .ssekmsKeyId(options.kmsKeyId()).storageClass(options.storageClass());
        if (options.crc32c()) {
          b.checksumAlgorithm(ChecksumAlgorithm.CRC32_C).checksumType(ChecksumType.FULL_OBJECT);
        }
      }).uploadId();
      log.debug("Started the multipart upload of {}", location);
      return id;
    } catch (SdkException e) {
      throw S3Failures.of(e, "starting the upload of", key, options);
    }
  }

  private Part uploadPart(int number, byte[] data, int length) {
    byte[] md5 = md5(data, length);
    CRC32C crc = new CRC32C();
    crc.update(data, 0, length);
    String crc32c = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    String eTag = s3.uploadPart(b -> b.bucket(options.bucket()).key(key).uploadId(uploadId).partNumber(number)
        .contentLength((long) length).contentMD5(Base64.getEncoder().encodeToString(md5))
        .checksumCRC32C(options.crc32c() ? crc32c : null), body(data, length)).eTag();
    return new Part(number, eTag, md5, crc32c);
  }

  /** The bytes as a request body the SDK can read again from the start for each attempt. */
  private static RequestBody body(byte[] data, int length) {
    return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, 0, length), length,
        "application/octet-stream");
  }

  private Part await(Future<Part> part) throws IOException {
    try {
      return part.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while sending " + key);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SdkException sdk) {
        throw S3Failures.of(sdk, "sending a part of", key, options);
      }
      throw new IOException("sending a part of " + key + " failed: " + e.getCause(), e.getCause());
    }
  }

  private void throwIfAPartFailed() throws IOException {
    SdkException failure = partFailure.get();
    if (failure != null) {
      throw S3Failures.of(failure, "sending a part of", key, options);
    }
  }

  /** A buffer to fill, once one of the {@code parallelParts} is free. */
  private byte[] takeBuffer() throws IOException {
    throwIfAPartFailed();
    try {
      buffers.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while sending " + key);
    }
    if (partFailure.get() != null) {
      buffers.release();
      throwIfAPartFailed();
    }
    byte[] reused = spare.poll();
    return reused != null ? reused : new byte[parts.isEmpty() ? Math.min(FIRST_BUFFER, options.partSize()) : options.partSize()];
  }

  private static byte[] md5(byte[] data, int length) {
    MessageDigest md5 = digest();
    md5.update(data, 0, length);
    return md5.digest();
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }

  private record Part(int number, String eTag, byte[] md5, String crc32c) {}

  /**
   * What the store may report for the bytes sent.
   *
   * @param md5 hex MD5 of the whole object: the ETag of a PutObject, and of a multipart upload at
   *     some S3-compatible stores
   * @param multipartETag S3's ETag of a multipart upload, or null for a PutObject
   * @param crc32c base64 CRC32C of the whole object, as S3 reports a full-object checksum
   */
  private record Expected(String md5, @Nullable String multipartETag, String crc32c) {}

  /** Fills part buffers; a full one goes up at once, the last one at commit. */
  private final class PartStream extends OutputStream {
    private boolean closed;

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (closed || ended) {
        throw new IOException("the upload stream of " + key + " is closed");
      }
      while (len > 0) {
        if (buffer == null) {
          buffer = takeBuffer();
        } else if (filled == buffer.length) {
          buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, options.partSize()));
        }
        int n = Math.min(len, buffer.length - filled);
        System.arraycopy(b, off, buffer, filled, n);
        wholeMd5.update(b, off, n);
        wholeCrc32c.update(b, off, n);
        filled += n;
        sent += n;
        off += n;
        len -= n;
        if (filled == options.partSize()) {
          sendPart();
        }
      }
    }

    /** Keeps the last part for commit, which alone decides between one PutObject and a multipart upload. */
    @Override
    public void close() {
      closed = true;
    }
  }
}
