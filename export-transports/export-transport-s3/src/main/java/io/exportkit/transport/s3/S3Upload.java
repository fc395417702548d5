package io.exportkit.transport.s3;

import io.exportkit.spi.Delivered;
import io.exportkit.spi.Upload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

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

  private final S3Client s3;
  private final S3Options options;
  private final String key;
  private final URI location;
  private final boolean overwrite;
  private final PartStream stream = new PartStream();

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
      String expectedETag = uploadId == null ? putWhole() : completeParts();
      verify(expectedETag);
      ended = true;
      log.debug("Delivered {} ({} bytes)", location, sent);
      return new Delivered(location, sent);
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
      throw S3Failures.of(e, "checking", location, options);
    } catch (SdkException e) {
      throw S3Failures.of(e, "checking", location, options);
    }
    throw new FileAlreadyExistsException(location.toString(), null,
        "an object with this key exists; change the naming template (e.g. add {seq} or {run}) or allow overwriting");
  }

  private @Nullable String ifNoneMatch() {
    return overwrite || !options.conditionalWrite() ? null : "*";
  }

  /** Sends a file that fit in one buffer with a single PutObject; returns the ETag S3 should report. */
  private String putWhole() throws IOException {
    byte[] data = buffer == null ? new byte[0] : buffer;
    int length = filled;
    byte[] md5 = md5(data, length);
    String expectedETag = HexFormat.of().formatHex(md5);
    try {
      s3.putObject(b -> b.bucket(options.bucket()).key(key).contentType(options.contentType())
              .metadata(options.metadata()).serverSideEncryption(options.serverSideEncryption())
              .ssekmsKeyId(options.kmsKeyId()).storageClass(options.storageClass())
              .contentLength((long) length).contentMD5(Base64.getEncoder().encodeToString(md5)).ifNoneMatch(ifNoneMatch()),
          body(data, length));
    } catch (SdkException e) {
      if (!landedDespite(e, expectedETag)) {
        throw S3Failures.of(e, "writing", location, options);
      }
    }
    return expectedETag;
  }

  /** Sends the last part, waits for every part, completes; returns the ETag S3 should report. */
  private String completeParts() throws IOException {
    if (filled > 0) {
      sendPart();
    }
    List<CompletedPart> completed = new ArrayList<>(parts.size());
    MessageDigest partDigests = digest();
    for (Future<Part> future : parts) {
      Part part = await(future);
      completed.add(CompletedPart.builder().partNumber(part.number()).eTag(part.eTag()).build());
      partDigests.update(part.md5());
    }
    Objects.requireNonNull(senders).shutdown();
    String expectedETag = HexFormat.of().formatHex(partDigests.digest()) + "-" + completed.size();
    try {
      s3.completeMultipartUpload(b -> b.bucket(options.bucket()).key(key).uploadId(uploadId)
          .multipartUpload(m -> m.parts(completed)).ifNoneMatch(ifNoneMatch()));
    } catch (SdkException e) {
      if (!landedDespite(e, expectedETag)) {
        throw S3Failures.of(e, "completing", location, options);
      }
    }
    uploadId = null;
    return expectedETag;
  }

  /**
   * Whether a write that failed had in fact landed: its answer was lost, the SDK tried again, and
   * the second attempt found the object (412) or the upload already completed (404 NoSuchUpload).
   * Only an object with the size and ETag sent counts as ours.
   */
  private boolean landedDespite(SdkException e, String expectedETag) throws IOException {
    boolean answeredBefore = e instanceof S3Exception s3e && (s3e.statusCode() == 412
        || (s3e.awsErrorDetails() != null && "NoSuchUpload".equals(s3e.awsErrorDetails().errorCode())));
    if (!answeredBefore) {
      return false;
    }
    HeadObjectResponse head = head();
    boolean ours = head != null && holdsWhatWasSent(head, expectedETag) && isMd5(head);
    if (ours) {
      log.debug("The write of {} landed although its answer was lost", location);
    }
    return ours;
  }

  /** Compares what S3 holds with what was sent; removes the object when they differ. */
  private void verify(String expectedETag) throws IOException {
    HeadObjectResponse head = head();
    if (head == null) {
      throw new IOException("verifying " + location + " failed: S3 reports no object after the write");
    }
    if (holdsWhatWasSent(head, expectedETag)) {
      return;
    }
    try {
      s3.deleteObject(b -> b.bucket(options.bucket()).key(key));
    } catch (SdkException e) {
      log.warn("Could not remove {}, whose content differs from what was sent", location, e);
    }
    throw new IOException("verifying " + location + " failed: S3 holds " + head.contentLength() + " bytes with ETag "
        + head.eTag() + " but " + sent + " bytes with ETag " + expectedETag + " were sent; the object was removed");
  }

  private @Nullable HeadObjectResponse head() throws IOException {
    try {
      return s3.headObject(b -> b.bucket(options.bucket()).key(key));
    } catch (NoSuchKeyException e) {
      return null;
    } catch (SdkException e) {
      if (e instanceof S3Exception s3e && s3e.statusCode() == 404) {
        return null;
      }
      throw S3Failures.of(e, "verifying", location, options);
    }
  }

  /** The size matches, and so does the ETag where it is an MD5 (it is not under SSE-KMS). */
  private boolean holdsWhatWasSent(HeadObjectResponse head, String expectedETag) {
    String eTag = head.eTag() == null ? "" : head.eTag().replace("\"", "");
    return head.contentLength() == sent && (!isMd5(head) || eTag.equalsIgnoreCase(expectedETag));
  }

  private static boolean isMd5(HeadObjectResponse head) {
    return !ServerSideEncryption.AWS_KMS.equals(head.serverSideEncryption());
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
      throw new IOException("writing " + location + " failed: more than " + MAX_PARTS + " parts of " + options.partSize()
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
      String id = s3.createMultipartUpload(b -> b.bucket(options.bucket()).key(key).contentType(options.contentType())
          .metadata(options.metadata()).serverSideEncryption(options.serverSideEncryption())
          .ssekmsKeyId(options.kmsKeyId()).storageClass(options.storageClass())).uploadId();
      log.debug("Started the multipart upload of {}", location);
      return id;
    } catch (SdkException e) {
      throw S3Failures.of(e, "starting the upload of", location, options);
    }
  }

  private Part uploadPart(int number, byte[] data, int length) {
    byte[] md5 = md5(data, length);
    String eTag = s3.uploadPart(b -> b.bucket(options.bucket()).key(key).uploadId(uploadId).partNumber(number)
        .contentLength((long) length).contentMD5(Base64.getEncoder().encodeToString(md5)), body(data, length)).eTag();
    return new Part(number, eTag, md5);
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
      throw new InterruptedIOException("interrupted while sending " + location);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SdkException sdk) {
        throw S3Failures.of(sdk, "sending a part of", location, options);
      }
      throw new IOException("sending a part of " + location + " failed: " + e.getCause(), e.getCause());
    }
  }

  private void throwIfAPartFailed() throws IOException {
    SdkException failure = partFailure.get();
    if (failure != null) {
      throw S3Failures.of(failure, "sending a part of", location, options);
    }
  }

  /** A buffer to fill, once one of the {@code parallelParts} is free. */
  private byte[] takeBuffer() throws IOException {
    throwIfAPartFailed();
    try {
      buffers.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while sending " + location);
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

  private record Part(int number, String eTag, byte[] md5) {}

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
        throw new IOException("the upload stream of " + location + " is closed");
      }
      while (len > 0) {
        if (buffer == null) {
          buffer = takeBuffer();
        } else if (filled == buffer.length) {
          buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, options.partSize()));
        }
        int n = Math.min(len, buffer.length - filled);
        System.arraycopy(b, off, buffer, filled, n);
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
