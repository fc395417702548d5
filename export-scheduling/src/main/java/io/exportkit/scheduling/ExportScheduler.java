package io.exportkit.scheduling;

import io.exportkit.Export;
import io.exportkit.ExportService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the exports of an {@link ExportService} when their triggers come due. Every poll interval
 * it {@linkplain #tick() ticks}: it renews the leases of the runs it has going, asks the service
 * for the due exports, claims each through the store (a compare-and-set that leases the occurrence
 * to this scheduler) and runs what it claimed on a bounded executor.
 *
 * <pre>{@code
 * ExportService exports = ExportService.builder()
 *     ...
 *     .store(sharedStore)               // shared by every node that runs a scheduler
 *     .discoverProviders()              // finds the trigger policies of export-scheduling
 *     .build();
 * ExportScheduler scheduler = ExportScheduler.builder(exports)
 *     .retry(3, Duration.ofMinutes(1))
 *     .build();
 * scheduler.start();
 * ...
 * scheduler.stop();                     // stops the runs going on, and waits for them to end
 * }</pre>
 *
 * <p>Several schedulers, in one JVM or on several nodes, may share one store: each occurrence is
 * claimed by exactly one of them. An occurrence missed while no scheduler ran fires once, late (a
 * misfire); a run whose scheduler stopped is claimed again once its lease expires, and delivers
 * under the same file name. See {@link ExportService#claim} and {@link ExportService#fire}.
 *
 * <p>Thread-safe.
 */
public final class ExportScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExportScheduler.class);

  /** The expiry noted for a lease this scheduler lost: it never renews it again. */
  private static final Instant LOST = Instant.MAX;

  /** How often {@link #stop()} asks again the runs that have not ended yet to stop. */
  private static final Duration STOP_RECHECK = Duration.ofMillis(50);

  private final ExportService exports;
  private final Clock clock;
  private final ExportService.Firing firing;
  private final Duration pollInterval;
  private final int maxConcurrentRuns;
  private final int batchSize;
  private final Executor executor;
  private final @Nullable ExecutorService ownExecutor;
  /** The exports whose occurrence this scheduler runs, with when their lease expires. */
  private final Map<String, Instant> running = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private @Nullable ScheduledExecutorService loop;
  private volatile boolean stopped;

  private ExportScheduler(Builder b) {
    exports = b.exports;
    clock = b.clock;
    firing = new ExportService.Firing(b.owner, b.lease, b.maxAttempts, b.backoff, b.misfireThreshold);
    pollInterval = b.pollInterval;
    maxConcurrentRuns = b.maxConcurrentRuns;
    batchSize = b.batchSize;
    if (b.executor != null) {
      executor = b.executor;
      ownExecutor = null;
    } else {
      ownExecutor = Executors.newFixedThreadPool(maxConcurrentRuns, daemonThreads("exportkit-run-" + b.owner));
      executor = ownExecutor;
    }
  }

  /** A builder of a scheduler that fires the exports of {@code exports}. */
  public static Builder builder(ExportService exports) {
    return new Builder(exports);
  }

  /** This scheduler's name in the leases it takes. */
  public String owner() {
    return firing.owner();
  }

  /**
   * Starts ticking every poll interval on a daemon thread, the first time at once.
   *
   * @throws IllegalStateException when it was started or stopped already
   */
  public void start() {
    synchronized (lock) {
      if (stopped || loop != null) {
        throw new IllegalStateException("scheduler '" + owner() + "' was " + (stopped ? "stopped" : "started")
            + " already; build a new one");
      }
      loop = Executors.newSingleThreadScheduledExecutor(daemonThreads("exportkit-scheduler-" + owner()));
      loop.scheduleWithFixedDelay(this::tickAndLog, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
      log.info("Scheduler '{}' started: polling every {}, at most {} runs at once", owner(), pollInterval,
          maxConcurrentRuns);
    }
  }

  /**
   * Stops claiming, stops the runs going on ({@link ExportService#stopRun}: each aborts its upload,
   * so no temporary or partial file stays behind, and is recorded FAILED "stopped", without retry;
   * a one-shot export is Closed, a recurring one Scheduled for its next occurrence), waits for them
   * to end, then stops ticking. Call it when the host shuts down. A run blocked in a transport's
   * write ends within that transport's timeout. Idempotent. If the thread is interrupted while
   * waiting, it returns at once; the leases of the runs still going on then expire, and another
   * scheduler runs them again.
   */
  public void stop() {
    synchronized (lock) {
      stopped = true;
      try {
        while (!running.isEmpty()) {
          // Asked again until they end: a run handed to the executor may start after the first ask.
          running.keySet().forEach(id -> exports.stopRun(id, "scheduler '" + owner() + "' stopped"));
          lock.wait(STOP_RECHECK.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.warn("Scheduler '{}' interrupted while {} runs went on; other schedulers will run them again",
            owner(), running.size());
      }
      if (loop != null) {
        loop.shutdownNow();
      }
      if (ownExecutor != null) {
        ownExecutor.shutdown();
      }
    }
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /**
   * One pass of the loop, on the calling thread: renews the leases of this scheduler's runs that
   * are half spent, then, unless stopped, claims due occurrences (the earliest first, at most as
   * many as there are free run slots) and hands them to the executor. The loop that {@link #start()}
   * begins calls it every poll interval; tests call it directly with a virtual clock, and a host
   * with its own timer may call it instead of starting the loop.
   *
   * @return how many occurrences it claimed
   * @throws io.exportkit.ExportException or another runtime exception when the store fails
   */
  public synchronized int tick() {
    Instant now = clock.instant();
    renewLeases(now);
    int claimed = 0;
    if (stopped || running.size() >= maxConcurrentRuns) {
      return claimed;
    }
    for (Export due : exports.due(now, batchSize)) {
      if (running.size() >= maxConcurrentRuns) {
        break;
      }
      if (!running.containsKey(due.id()) && claim(due, now)) {
        claimed++;
      }
    }
    return claimed;
  }

  private boolean claim(Export due, Instant now) {
    Optional<Export> claimed;
    try {
      claimed = exports.claim(due.id(), now, firing);
    } catch (RuntimeException e) {
      log.warn("Scheduler '{}' could not claim export '{}' ({}): {}", owner(), due.name(), due.id(), e.getMessage(), e);
      return false;
    }
    claimed.ifPresent(this::launch);
    return claimed.isPresent();
  }

  private void launch(Export claimed) {
    Export.Lease lease = Objects.requireNonNull(claimed.lease());
    running.put(claimed.id(), lease.expiresAt());
    try {
      executor.execute(() -> fire(claimed, lease));
    } catch (RejectedExecutionException e) {
      ended(claimed.id());
      log.error("Scheduler '{}': the executor refused the run of export '{}'; its lease expires at {}, then a"
          + " scheduler runs it again", owner(), claimed.name(), lease.expiresAt(), e);
    }
  }

  private void fire(Export claimed, Export.Lease lease) {
    try {
      exports.fire(claimed, firing);
    } catch (RuntimeException e) {
      log.error("Scheduler '{}': firing export '{}' at its occurrence {} failed; once its lease expires, a scheduler"
          + " runs it again", owner(), claimed.name(), lease.occurrence(), e);
    } finally {
      ended(claimed.id());
    }
  }

  private void ended(String exportId) {
    running.remove(exportId);
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  private void renewLeases(Instant now) {
    Duration renewBefore = firing.lease().dividedBy(2);
    running.forEach((id, expiresAt) -> {
      if (expiresAt.equals(LOST) || Duration.between(now, expiresAt).compareTo(renewBefore) > 0) {
        return;
      }
      Instant until = now.plus(firing.lease());
      if (exports.renewLease(id, owner(), until)) {
        running.replace(id, expiresAt, until);
      } else if (running.replace(id, expiresAt, LOST)) {
        log.info("Scheduler '{}' no longer holds the lease on export {}: another scheduler claimed its occurrence"
            + " again, or its run just ended", owner(), id);
      }
    });
  }

  private void tickAndLog() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.warn("Scheduler '{}': this poll failed, the next one tries again", owner(), e);
    }
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Configures an {@link ExportScheduler}. Not thread-safe. */
  public static final class Builder {
    private final ExportService exports;
    private Clock clock = Clock.systemUTC();
    private String owner = "scheduler-" + UUID.randomUUID();
    private Duration pollInterval = Duration.ofSeconds(5);
    private Duration lease = Duration.ofMinutes(5);
    private int maxAttempts = 3;
    private Duration backoff = Duration.ofMinutes(1);
    private Duration misfireThreshold = Duration.ofMinutes(1);
    private int maxConcurrentRuns = 2;
    private int batchSize = 100;
    private @Nullable Executor executor;

    private Builder(ExportService exports) {
      this.exports = Objects.requireNonNull(exports, "exports");
    }

    /** The clock that says when exports are due (default: system UTC); give it the service's clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * This scheduler's name in its leases, unique among the schedulers sharing the store (default:
     * {@code scheduler-} and a random UUID).
     */
    public Builder owner(String owner) {
      Objects.requireNonNull(owner, "owner");
      if (owner.isBlank()) {
        throw new IllegalArgumentException("owner must not be blank");
      }
      this.owner = owner;
      return this;
    }

    /** How often the loop ticks (default 5 seconds). */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = positive(interval, "interval");
      return this;
    }

    /**
     * How long a claim holds without renewal (default 5 minutes). The scheduler renews the leases of
     * its runs once half spent; a run whose scheduler stopped is claimed again once it expires.
     */
    public Builder lease(Duration lease) {
      this.lease = positive(lease, "lease");
      return this;
    }

    /**
     * Attempts at one occurrence (default 3), counting failed runs and runs whose scheduler stopped,
     * and the wait before the first retry of a failed run (default 1 minute), doubled for each
     * further retry. {@code maxAttempts} 1 means no retry, and no re-run of a run whose scheduler
     * stopped.
     */
    public Builder retry(int maxAttempts, Duration backoff) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      this.backoff = positive(backoff, "backoff");
      return this;
    }

    /** How late an occurrence may start before it counts as a misfire, logged and noted on its run (default 1 minute). */
    public Builder misfireThreshold(Duration threshold) {
      Objects.requireNonNull(threshold, "threshold");
      if (threshold.isNegative()) {
        throw new IllegalArgumentException("threshold must not be negative: " + threshold);
      }
      this.misfireThreshold = threshold;
      return this;
    }

    /** How many runs this scheduler has going at most (default 2). */
    public Builder maxConcurrentRuns(int runs) {
      if (runs < 1) {
        throw new IllegalArgumentException("runs must be >= 1: " + runs);
      }
      this.maxConcurrentRuns = runs;
      return this;
    }

    /** How many due exports a tick reads at most (default 100). */
    public Builder batchSize(int exports) {
      if (exports < 1) {
        throw new IllegalArgumentException("exports must be >= 1: " + exports);
      }
      this.batchSize = exports;
      return this;
    }

    /**
     * Where runs execute (default: a pool of {@link #maxConcurrentRuns} daemon threads that the
     * scheduler owns and shuts down). The scheduler never hands it more than
     * {@link #maxConcurrentRuns} runs at once. {@code Runnable::run} runs them inside
     * {@link ExportScheduler#tick()}.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** @throws IllegalStateException when the lease is shorter than three poll intervals */
    public ExportScheduler build() {
      if (lease.compareTo(pollInterval.multipliedBy(3)) < 0) {
        throw new IllegalStateException("lease (" + lease + ") must last at least 3 poll intervals (" + pollInterval
            + "), or leases expire before they are renewed; lengthen the lease or poll more often");
      }
      return new ExportScheduler(this);
    }

    private static Duration positive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + duration);
      }
      return duration;
    }
  }
}
