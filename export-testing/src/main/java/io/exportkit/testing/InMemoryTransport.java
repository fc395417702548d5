package io.exportkit.testing;

import io.exportkit.Destination;
import io.exportkit.SecretResolver;
import io.exportkit.spi.Delivered;
import io.exportkit.spi.Transport;
import io.exportkit.spi.TransportProvider;
import io.exportkit.spi.Upload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transport, id {@value #ID}, that delivers to memory: destinations are {@code memory:NAME}, and
 * a committed file is kept under the path {@code NAME/fileName}. It keeps the {@link Upload}
 * contract as a real transport must: nothing is visible before {@link Upload#commit()}, an abort
 * leaves nothing, and an existing file is replaced only when the destination allows overwriting.
 *
 * <pre>{@code
 * InMemoryTransport transport = new InMemoryTransport();
 * ExportService exports = ExportService.builder()
 *     .transport(transport)   // registered by hand: it is not discovered
 *     ...
 *     .build();
 * // an export with destination Destination.of("memory:out") runs, then:
 * assertThat(transport.deliveries().get(0).text()).startsWith("Id,");
 * }</pre>
 *
 * <p>It can be told to fail: {@link #failingAfter(long)} makes upload streams throw an
 * {@link IOException} after some bytes, {@link #failingOnCommit()} makes commits throw one.
 *
 * <p>Deliberately not registered in {@code META-INF/services}: a host opts in by registering an
 * instance with {@code ExportService.builder().transport(...)}, and that instance is then the one
 * the test looks at. Thread-safe.
 */
public final class InMemoryTransport implements TransportProvider {

  /** The transport id, and the scheme of its destinations. */
  public static final String ID = "memory";

  private final Object lock = new Object();
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private final List<Delivery> deliveries = new ArrayList<>();
  private final AtomicInteger pending = new AtomicInteger();
  private volatile long failAfterBytes = -1;
  private volatile boolean failOnCommit;

  /**
   * One committed file.
   *
   * @param fileName the file's name
   * @param bytes its content
   * @param location where it was delivered: {@code memory:NAME/fileName}
   */
  public record Delivery(String fileName, byte[] bytes, URI location) {
    public Delivery {
      Objects.requireNonNull(fileName, "fileName");
      bytes = bytes.clone();
      Objects.requireNonNull(location, "location");
    }

    /** A copy of the content. */
    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    /** The content as UTF-8 text. */
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Delivery d && fileName.equals(d.fileName) && Arrays.equals(bytes, d.bytes)
          && location.equals(d.location);
    }

    @Override
    public int hashCode() {
      return Objects.hash(fileName, Arrays.hashCode(bytes), location);
    }

    /** Prints the size only: deliveries hold personal data that must not reach logs. */
    @Override
    public String toString() {
      return "Delivery[" + location + ", " + bytes.length + " bytes]";
    }
  }

  /**
   * Makes the upload streams started from now on throw an {@link IOException} once a write would
   * take them past {@code bytes} bytes (the bytes up to the limit are taken).
   *
   * @return this transport
   * @throws IllegalArgumentException when {@code bytes} is negative
   */
  public InMemoryTransport failingAfter(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0: " + bytes);
    }
    this.failAfterBytes = bytes;
    return this;
  }

  /**
   * Makes every commit from now on throw an {@link IOException}; the upload is then discarded.
   *
   * @return this transport
   */
  public InMemoryTransport failingOnCommit() {
    this.failOnCommit = true;
    return this;
  }

  /** Every committed file, in commit order, including those later replaced. */
  public List<Delivery> deliveries() {
    synchronized (lock) {
      return List.copyOf(deliveries);
    }
  }

  /** The files visible now, by path {@code NAME/fileName}, in the order first committed. */
  public Map<String, byte[]> files() {
    synchronized (lock) {
      Map<String, byte[]> copy = new LinkedHashMap<>();
      files.forEach((path, bytes) -> copy.put(path, bytes.clone()));
      return copy;
    }
  }

  /** How many uploads were started and neither committed nor aborted. */
  public int pending() {
    return pending.get();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<String> validate(Destination destination, SecretResolver secrets) {
    try {
      folder(destination.uri());
      return List.of();
    } catch (IllegalArgumentException e) {
      return List.of(e.getMessage());
    }
  }

  @Override
  public Transport open(Destination destination, SecretResolver secrets) {
    String folder = folder(destination.uri());
    boolean overwrite = destination.overwrite();
    return new Transport() {
      @Override
      public Upload upload(String fileName) {
        return new MemoryUpload(folder, fileName, overwrite);
      }

      @Override
      public void close() {
        // Nothing held between uploads.
      }
    };
  }

  private static String folder(URI uri) {
    String folder = uri.getSchemeSpecificPart();
    if (!ID.equalsIgnoreCase(uri.getScheme()) || !uri.isOpaque() || folder == null || folder.isBlank()) {
      throw new IllegalArgumentException("a memory destination is memory:NAME, e.g. memory:out; not " + uri);
    }
    return folder;
  }

  private final class MemoryUpload implements Upload {
    private final String path;
    private final String fileName;
    private final boolean overwrite;
    private final URI location;
    private final ByteArrayOutputStream content = new ByteArrayOutputStream();
    private final OutputStream stream;
    private boolean done;

    MemoryUpload(String folder, String fileName, boolean overwrite) {
      if (fileName.isEmpty() || fileName.contains("/")) {
        throw new IllegalArgumentException("file name must be a plain name: " + fileName);
      }
      this.path = folder + "/" + fileName;
      this.fileName = fileName;
      this.overwrite = overwrite;
      try {
        this.location = new URI(ID, path, null);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("cannot make a URI of " + path, e);
      }
      this.stream = new LimitedStream(failAfterBytes);
      pending.incrementAndGet();
    }

    @Override
    public OutputStream stream() {
      return stream;
    }

    @Override
    public Delivered commit() throws IOException {
      if (done) {
        throw new IllegalStateException("upload of " + path + " already ended");
      }
      done = true;
      pending.decrementAndGet();
      if (failOnCommit) {
        throw new IOException("InMemoryTransport was told to fail on commit (" + path + ")");
      }
      byte[] bytes = content.toByteArray();
      synchronized (lock) {
        if (!overwrite && files.containsKey(path)) {
          throw new FileAlreadyExistsException(path, null,
              "a file with this name exists; change the naming template or allow overwriting");
        }
        files.put(path, bytes);
        deliveries.add(new Delivery(fileName, bytes, location));
      }
      return new Delivered(location, bytes.length);
    }

    @Override
    public void abort() {
      if (!done) {
        done = true;
        pending.decrementAndGet();
      }
    }

    @Override
    public void close() {
      abort();
    }

    /** Refuses writes once closed, as a network stream does, and fails past a limit when told to. */
    private final class LimitedStream extends OutputStream {
      private final long limit;
      private boolean closed;

      LimitedStream(long limit) {
        this.limit = limit;
      }

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
          throw new IOException("the upload stream of " + path + " is closed");
        }
        if (limit >= 0 && content.size() + (long) len > limit) {
          content.write(b, off, (int) (limit - content.size()));
          throw new IOException("InMemoryTransport was told to fail after " + limit + " bytes (" + path + ")");
        }
        content.write(b, off, len);
      }

      @Override
      public void close() {
        closed = true;
      }
    }
  }
}
