package io.exportkit.format;

import io.exportkit.Destination;
import io.exportkit.SecretResolver;
import io.exportkit.spi.Delivered;
import io.exportkit.spi.Transport;
import io.exportkit.spi.TransportProvider;
import io.exportkit.spi.Upload;
import java.io.OutputStream;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A transport, id {@value #ID}, that counts the bytes of each file and keeps none of them: the
 * null sink of the bounded-memory test. Registered by hand. Thread-safe.
 */
final class DiscardingTransport implements TransportProvider {

  static final String ID = "discard";

  private final AtomicLong bytes = new AtomicLong();

  /** The bytes of the last committed file. */
  long lastFileBytes() {
    return bytes.get();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Transport open(Destination destination, SecretResolver secrets) {
    return new Transport() {
      @Override
      public Upload upload(String fileName) {
        return new CountingUpload(destination.uri().resolve(fileName));
      }

      @Override
      public void close() {
        // Holds nothing.
      }
    };
  }

  private final class CountingUpload implements Upload {
    private final URI location;
    private long count;
    private final OutputStream stream = new OutputStream() {
      @Override
      public void write(int b) {
        count++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        count += len;
      }
    };

    CountingUpload(URI location) {
      this.location = location;
    }

    @Override
    public OutputStream stream() {
      return stream;
    }

    @Override
    public Delivered commit() {
      bytes.set(count);
      return new Delivered(location, count);
    }

    @Override
    public void abort() {
      // Nothing kept.
    }

    @Override
    public void close() {
      // Nothing kept.
    }
  }
}
