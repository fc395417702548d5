package io.exportkit.benchmarks.formats;

import io.exportkit.Destination;
import io.exportkit.SecretResolver;
import io.exportkit.spi.Delivered;
import io.exportkit.spi.Transport;
import io.exportkit.spi.TransportProvider;
import io.exportkit.spi.Upload;
import java.io.OutputStream;

/** Transport {@code null:}: takes every byte and keeps none, reporting an unknown size. Registered by hand. */
final class NullTransport implements TransportProvider {

  @Override
  public String id() {
    return "null";
  }

  @Override
  public Transport open(Destination destination, SecretResolver secrets) {
    return new Transport() {
      @Override
      public Upload upload(String fileName) {
        return new Upload() {
          @Override
          public OutputStream stream() {
            return OutputStream.nullOutputStream();
          }

          @Override
          public Delivered commit() {
            return new Delivered(destination.uri(), -1);
          }

          @Override
          public void abort() {
            // Nothing kept.
          }

          @Override
          public void close() {
            // Nothing kept.
          }
        };
      }

      @Override
      public void close() {
        // Nothing held.
      }
    };
  }
}
