package io.exportkit.format.compress;

import io.exportkit.spi.OutputStage;
import io.exportkit.spi.OutputStageProvider;
import io.exportkit.spi.StageContext;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;

/**
 * The {@code gzip} stage: one gzip member (RFC 1952) at level 6, its name the file's plus
 * {@code .gz} ({@code winners.csv.gz}), read by {@code gzip -d} and {@link
 * java.util.zip.GZIPInputStream}.
 *
 * <p>Compression is the slowest stage of a run, so this one uses every core, as pigz does: the
 * bytes are cut into blocks of 128 KiB, each deflated on its own by a shared pool of one daemon
 * thread per core, primed with the 32 KiB before it so that the file is barely larger than a
 * single-threaded one, and written in order. At most two blocks per core are in flight per file,
 * so memory stays bounded whatever the file's size. The pool's threads end after 30 seconds
 * without work.
 *
 * <p>Stateless and thread-safe; registered in {@code
 * META-INF/services/io.exportkit.spi.OutputStageProvider}.
 */
public final class GzipStageProvider implements OutputStageProvider {

  private static final int LEVEL = 6;

  /** For {@link java.util.ServiceLoader}. */
  public GzipStageProvider() {}

  @Override
  public String id() {
    return "gzip";
  }

  @Override
  public OutputStage create(StageContext context) {
    Objects.requireNonNull(context, "context");
    return new OutputStage() {
      @Override
      public String extension() {
        return "gz";
      }

      @Override
      public OutputStream wrap(OutputStream downstream) throws IOException {
        return new ParallelGzipOutputStream(Objects.requireNonNull(downstream, "downstream"),
            () -> new Deflater(LEVEL, true), ParallelGzipOutputStream.BLOCK_SIZE, 2 * Workers.THREADS, Workers.POOL);
      }
    };
  }

  /** The compressing threads, shared by every file, started on first use. */
  private static final class Workers {
    static final int THREADS = Runtime.getRuntime().availableProcessors();
    static final ExecutorService POOL = pool();

    private static ExecutorService pool() {
      AtomicInteger count = new AtomicInteger();
      ThreadFactory daemons = task -> {
        Thread thread = new Thread(task, "exportkit-gzip-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      };
      ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), daemons);
      pool.allowCoreThreadTimeOut(true);
      return pool;
    }
  }
}
