package io.exportkit.benchmarks.transport;

import com.google.cloud.NoCredentials;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.exportkit.Destination;
import io.exportkit.SecretResolver;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import io.exportkit.transport.gcs.GcsTransportProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 200 MiB upload over loopback to a GCS JSON API server in this JVM that drops the bytes: through
 * {@code gs://} (8 MiB chunks, CRC32C, does-not-exist precondition, GET verification) against the
 * bare {@code Storage.writer} with the same chunk size, on one client for all uploads; a third
 * column sends through the transport on that same client. The fork's heap is capped at 96 MiB;
 * each iteration prints its peak heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
// Without TCP_NODELAY the JDK's HTTP server holds each small answer for ~40 ms (Nagle's algorithm
// against delayed ACKs), which would charge whoever sends a small request more; GCS answers at once.
@Fork(value = 1, jvmArgsAppend = {"-Xmx96m", "-Dsun.net.httpserver.nodelay=true"})
public class GcsUploadBenchmark {
  private static final int CHUNK = 8 * 1024 * 1024;

  private DiscardingGcsServer server;
  private Storage storage;
  private int run;

  @Setup(Level.Trial)
  public void startServer() throws IOException {
    server = new DiscardingGcsServer();
    storage = StorageOptions.http().setHost(server.endpoint().toString()).setProjectId("bench")
        .setCredentials(NoCredentials.getInstance()).build().getService();
  }

  @Setup(Level.Iteration)
  public void resetPeakHeap() {
    Payload.resetPeakHeap();
  }

  @TearDown(Level.Iteration)
  public void printPeakHeap() {
    System.out.println("peak heap: " + Payload.peakHeapMib() + " MiB");
  }

  @TearDown(Level.Trial)
  public void stopServer() throws Exception {
    storage.close();
    server.close();
  }

  /** As a run uses it: the provider found by discovery, which builds its own client. */
  @Benchmark
  public long exportKitGcsTransport() throws IOException {
    return deliver(new GcsTransportProvider(), Destination.of("gs://bench/?project=bench&host=" + server.endpoint()));
  }

  /** Through the benchmark's own client: the bare column's conditions. */
  @Benchmark
  public long exportKitGcsTransportOnHostClient() throws IOException {
    return deliver(new GcsTransportProvider(storage), Destination.of("gs://bench/"));
  }

  private long deliver(GcsTransportProvider provider, Destination destination) throws IOException {
    try (Transport transport = provider.open(destination, SecretResolver.NONE);
        Upload upload = transport.upload("exportkit-" + run++ + ".bin")) {
      OutputStream out = upload.stream();
      Payload.writeTo(out);
      out.close();
      return upload.commit().size();
    }
  }

  @Benchmark
  public void bareStorageWriter() throws IOException {
    try (WriteChannel channel = storage.writer(BlobInfo.newBuilder("bench", "bare-" + run++ + ".bin").build())) {
      channel.setChunkSize(CHUNK);
      Payload.writeTo(Channels.newOutputStream(channel));
    }
  }
}
