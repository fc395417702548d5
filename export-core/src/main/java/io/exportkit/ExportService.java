package io.exportkit;

import io.exportkit.event.ExportListener;
import io.exportkit.internal.DefaultExportService;
import io.exportkit.internal.Providers;
import io.exportkit.spi.FormatWriterProvider;
import io.exportkit.spi.OutputStageProvider;
import io.exportkit.spi.TransportProvider;
import io.exportkit.spi.TriggerPolicyProvider;
import io.exportkit.statistics.AccountStatistics;
import io.exportkit.statistics.ExportStatistics;
import io.exportkit.statistics.StatisticsSource;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The façade a host drives: create, edit, publish, duplicate, favorite, disable, delete and list
 * exports, run them, and read their run history and the account's statistics. Build one with
 * {@link #builder()}:
 *
 * <pre>{@code
 * ExportService exports = ExportService.builder()
 *     .participantSource(myDatabaseSource)
 *     .operationDirectory(myOperations)
 *     .discoverProviders()
 *     .build();
 * Export draft = exports.create(definition);
 * Export done = exports.publish(draft.id());   // an immediate export runs now
 * }</pre>
 *
 * <p>Only a {@link ExportStatus#DRAFT} can be edited. Every change is an atomic compare-and-set on
 * the export's (id, version) in the {@link ExportStore}, so concurrent callers never lose a change:
 * an action that is not allowed in the export's status throws
 * {@link IllegalStateTransitionException}, an update based on a definition changed since throws
 * {@link ExportConflictException}; both are {@link ExportException}s. A run ends, failed with its
 * cause, whatever a provider throws, and a listener that throws never changes it. Thread-safe.
 *
 * <p>Scheduled exports are fired by a scheduler (export-scheduling's {@code ExportScheduler}) through
 * {@link #due}, {@link #claim}, {@link #fire} and {@link #renewLease}; hosts rarely call these.
 */
public interface ExportService {

  /** A builder to assemble a service from the host's SPIs and the providers. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Creates a Draft.
   *
   * @throws InvalidDefinitionException when the definition does not fit the host's data (unknown
   *     operation or field, winners of a game that has none, a paid option the account lacks) or no
   *     provider serves its format, compression or destination
   */
  Export create(ExportDefinition definition);

  /**
   * Replaces the definition of a Draft. To change the operation of a custom export, build
   * {@code definition} with {@link ExportDefinition#toBuilder()}: its chosen fields are cleared
   * unless fields are chosen again.
   *
   * <p>Only a change of the definition since the caller read it is a conflict: a favorite set, a
   * publish and disable, or a run meanwhile does not make the save fail (the save keeps them).
   *
   * @param expectedVersion the {@link Export#version()} the caller read; guards against lost updates
   * @throws IllegalStateTransitionException when the export is not a Draft
   * @throws ExportConflictException when another update changed the definition since
   *     {@code expectedVersion} (that version is older than {@link Export#definitionVersion()})
   * @throws InvalidDefinitionException as for {@link #create}
   */
  Export update(String id, long expectedVersion, ExportDefinition definition);

  /**
   * Publishes a Draft. An immediate export runs at once, on the calling thread, and ends Closed
   * (see {@link Export#lastRun()} for the outcome); the others become Scheduled with their next
   * fire time.
   *
   * @throws IllegalStateTransitionException when the export is not a Draft
   * @throws InvalidDefinitionException when the definition is incomplete or no longer fits the
   *     host's data
   */
  Export publish(String id);

  /** Copies an export, in any status, into a new Draft named "{name} (copy)". */
  Export duplicate(String id);

  /** Marks or unmarks an export as a favorite; allowed in any status. */
  Export favorite(String id, boolean favorite);

  /**
   * Puts a Scheduled custom export back to Draft, so it can be edited or reread; it no longer fires.
   *
   * @throws IllegalStateTransitionException when the export is not Scheduled or not custom
   */
  Export disable(String id);

  /**
   * Deletes a Draft or Closed export and its runs. Delivered files stay where they were delivered.
   *
   * @throws IllegalStateTransitionException in any other status
   */
  void delete(String id);

  /** The export with this id. */
  Optional<Export> find(String id);

  /**
   * The export with this id.
   *
   * @throws ExportNotFoundException when there is none
   */
  Export get(String id);

  /** The exports of a category, newest first. */
  Page<Export> list(ExportCategory category, PageRequest page);

  /** The runs of an export, newest first. */
  List<ExportRun> runs(String exportId);

  /**
   * The run history: the runs that answer {@code query}, newest first (by start, then sequence).
   * Every run is kept, with its definition version, trigger occurrence, counts, bytes, SHA-256,
   * location and error, until {@link #pruneRuns()} lets it go.
   */
  Page<ExportRun> runs(RunQuery query, PageRequest page);

  /**
   * Applies the {@link RunRetention} set with {@link Builder#runRetention}: removes the runs it lets
   * go from the store, never the latest ended run of an export, the run its {@link Export#lastRun()}
   * names, nor a running one. Neither the service nor {@code ExportScheduler} prunes on its own: the
   * host calls this periodically, e.g. once a day from its own job scheduler. With the default,
   * {@link RunRetention#KEEP_ALL}, it removes nothing.
   *
   * @return how many runs were removed
   * @throws UnsupportedOperationException when the {@link ExportStore} cannot delete runs
   */
  long pruneRuns();

  /**
   * The statistics of every operation of the account and their total: participations, distinct
   * participants, winners, first and last participation, participations per day in {@code zone}.
   * They come from the host's {@link StatisticsSource} when the builder has one, and otherwise are
   * derived from the {@link ParticipantSource} by streaming (a few passes per operation, in bounded
   * memory), so they may take as long as exporting every operation. See {@code docs/statistics.md}.
   *
   * @param zone the account's time zone, in which days are counted
   * @throws SourceException when the participant source fails while counting
   */
  AccountStatistics statistics(ZoneId zone);

  /**
   * The statistics of the account's exports: how many each category of the export list holds, and
   * what the runs started in [{@code from}, {@code to}) did, overall and per destination kind, with
   * the latest failure of each export. Computed from the {@link ExportStore}, one export's runs at a
   * time.
   *
   * @throws IllegalArgumentException when {@code to} is before {@code from}
   */
  ExportStatistics exportStatistics(Instant from, Instant to);

  /**
   * Runs a Scheduled or Closed export once more, now, on the calling thread. Its status is back to
   * what it was once the run ends. A failed run is returned, not thrown; so is a run of an export
   * type the account's {@link Entitlements} no longer allow, which fails without delivering.
   *
   * @throws IllegalStateTransitionException when the export is a Draft or already In progress
   */
  ExportRun runNow(String id);

  /**
   * The operator's way out of In progress, for a run whose process is gone (the host stopped
   * mid-run, a run started by hand or on publish is never re-run by a scheduler): ends the export's
   * running run as failed, "ended by an operator", and puts the export back where the run would have
   * left it: a run by hand or on publish back to Scheduled (when a next fire time is set) or Closed;
   * a scheduler's occurrence ended as after any failed run (a one-shot export Closed, a recurring one
   * Scheduled at its next fire time). If the run is in fact still going on somewhere, its outcome is
   * no longer recorded, and a file it delivers stays at the destination.
   *
   * @return the export, at rest, with the ended run as its {@link Export#lastRun()}
   * @throws IllegalStateTransitionException when the export is not In progress
   */
  Export endRun(String id);

  /**
   * Opens a file a run delivered to local storage ({@code file:} destinations), for the host to
   * offer it for download. The caller closes the stream.
   *
   * @throws ExportException when the run delivered nothing or delivered elsewhere
   * @throws IOException when the file can no longer be read
   */
  InputStream openDelivered(String runId) throws IOException;

  /**
   * Asks the runs of export {@code exportId} going on in this service (on any thread of this JVM)
   * to stop, e.g. when the host shuts down. Returns at once; each run stops at its next row (or
   * before it opens or commits its file), aborts its upload, so that no temporary or partial file
   * stays at the destination, and ends {@link RunOutcome#FAILED} with an error saying it was
   * stopped and {@code reason}, its {@link ExportRun#details()} holding {@value ExportRun#STOPPED}.
   * The call that ran it ({@link #publish}, {@link #runNow}, {@link #fire}) returns that run, and
   * the export moves on as after any failed run, except that a scheduler does not retry it: a
   * one-shot export is Closed, a recurring one waits for its next occurrence.
   *
   * <p>A run blocked in a transport's write notices the request once the write returns or fails
   * (within the transport's timeout). Thread-safe.
   *
   * @param reason why, for the run's error, e.g. "the host is shutting down"
   * @return whether a run of the export was going on in this service
   */
  boolean stopRun(String exportId, String reason);

  /**
   * For schedulers: the exports due at {@code now}, earliest first, at most {@code limit}: the
   * Scheduled ones whose next fire time has come, and the In progress ones whose {@link Export.Lease}
   * expired (a retry is due, or the scheduler running them stopped). Only due exports are read.
   */
  List<Export> due(Instant now, int limit);

  /**
   * For schedulers: claims the occurrence of an export that is due at {@code now}, by one
   * compare-and-set that leases it to {@code firing.owner()} until {@code now + firing.lease()}, so
   * that of several schedulers sharing the store exactly one gets it. A Scheduled export moves to
   * In progress for the first attempt at its next fire time. An In progress one whose lease expired
   * is claimed for its next attempt at the same occurrence; once {@link Firing#maxAttempts()} are
   * spent, the occurrence is given up instead (recorded as a failed run) and the export moves on as
   * after any failed run. A one-shot trigger is asked again first: when it now names a later
   * instant (the operation's end moved later), the export waits for that instead.
   *
   * @return the claimed export, for {@link #fire}; empty when there is nothing to fire: it is not
   *     due (any more), another scheduler claimed it first, it was disabled, or it was given up
   */
  Optional<Export> claim(String id, Instant now, Firing firing);

  /**
   * For schedulers: runs an occurrence that {@link #claim} returned, on the calling thread, then
   * ends it: a one-shot export is Closed; a recurring one is Scheduled again at the first fire time
   * after now, so occurrences missed meanwhile are not caught up. A failed attempt is retried, at
   * the same occurrence and under the same file name, after {@link Firing#backoff()} (doubled for
   * each further retry) while attempts remain; the export stays In progress until then. A re-run
   * after a scheduler stopped mid-run may replace the file that run delivered (same occurrence, same
   * name), so an occurrence never leaves two files. A failed run is returned, not thrown.
   *
   * <p>When this scheduler lost its lease meanwhile (it stalled past the lease, and another one
   * claimed the occurrence again, or an operator ended the run with {@link #endRun}), the ended run
   * is returned but not recorded; an occurrence an operator ended before it started is not run.
   *
   * @throws IllegalArgumentException when {@code claimed} is not held by {@code firing.owner()}
   */
  ExportRun fire(Export claimed, Firing firing);

  /**
   * For schedulers: extends {@code owner}'s lease on an export it fires until {@code expiresAt}.
   * Call it well before the lease expires while the run goes on.
   *
   * @return whether {@code owner} still holds the lease; {@code false} when another scheduler
   *     claimed the occurrence again or it ended
   */
  boolean renewLease(String id, String owner, Instant expiresAt);

  /**
   * How a scheduler fires exports: see {@link #claim} and {@link #fire}. Immutable.
   *
   * @param owner the scheduler, unique among those sharing the store; recorded in its leases
   * @param lease how long a claim holds without renewal; a run whose scheduler stopped is claimed
   *     again once it has passed
   * @param maxAttempts attempts at one occurrence, counting failed runs and runs whose scheduler
   *     stopped: 1 means no retry and no re-run
   * @param backoff the wait before the first retry of a failed run; it doubles for each further one
   * @param misfireThreshold how late an occurrence may start before it counts as a misfire (logged
   *     at WARN and noted on the run as {@link ExportRun#MISFIRE})
   */
  record Firing(String owner, Duration lease, int maxAttempts, Duration backoff, Duration misfireThreshold) {
    public Firing {
      Objects.requireNonNull(owner, "owner");
      requirePositive(lease, "lease");
      requirePositive(backoff, "backoff");
      Objects.requireNonNull(misfireThreshold, "misfireThreshold");
      if (owner.isBlank()) {
        throw new IllegalArgumentException("owner must not be blank");
      }
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
      }
      if (misfireThreshold.isNegative()) {
        throw new IllegalArgumentException("misfireThreshold must not be negative: " + misfireThreshold);
      }
    }

    private static void requirePositive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + duration);
      }
    }
  }

  /**
   * Assembles an {@link ExportService}. A participant source and an operation directory are
   * required; everything else has a default. Not thread-safe.
   */
  final class Builder {
    private @Nullable ParticipantSource participantSource;
    private @Nullable OperationDirectory operationDirectory;
    private ExportStore store = ExportStore.inMemory();
    private SecretResolver secretResolver = SecretResolver.NONE;
    private Entitlements entitlements = Entitlements.STANDARD;
    private Clock clock = Clock.systemUTC();
    private final List<ExportListener> listeners = new ArrayList<>();
    private final Providers.Builder providers = Providers.builder();
    private long progressInterval = 10_000;
    private @Nullable StatisticsSource statisticsSource;
    private RunRetention runRetention = RunRetention.KEEP_ALL;

    private Builder() {
    }

    /** Required: where the rows come from. */
    public Builder participantSource(ParticipantSource source) {
      this.participantSource = Objects.requireNonNull(source, "source");
      return this;
    }

    /** Required: the account's operations. */
    public Builder operationDirectory(OperationDirectory directory) {
      this.operationDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Where exports and runs are kept (default: in memory). */
    public Builder store(ExportStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Resolves the secrets that destinations reference (default: none known). */
    public Builder secretResolver(SecretResolver resolver) {
      this.secretResolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** Which paid options the account has (default {@link Entitlements#STANDARD}: no custom exports). */
    public Builder entitlements(Entitlements entitlements) {
      this.entitlements = Objects.requireNonNull(entitlements, "entitlements");
      return this;
    }

    /** The clock for timestamps and naming (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Adds a listener of run events. */
    public Builder listener(ExportListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Lets the host answer the operation statistics itself (default: none, they are derived from
     * the participant source by streaming).
     */
    public Builder statisticsSource(StatisticsSource source) {
      this.statisticsSource = Objects.requireNonNull(source, "source");
      return this;
    }

    /** Which runs {@link ExportService#pruneRuns()} removes (default {@link RunRetention#KEEP_ALL}). */
    public Builder runRetention(RunRetention retention) {
      this.runRetention = Objects.requireNonNull(retention, "retention");
      return this;
    }

    /** Progress events every {@code rows} rows (default 10 000). */
    public Builder progressInterval(long rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("progress interval must be >= 1: " + rows);
      }
      this.progressInterval = rows;
      return this;
    }

    /** Finds providers through {@link java.util.ServiceLoader} with ExportKit's class loader. */
    public Builder discoverProviders() {
      return discoverProviders(ExportService.class.getClassLoader());
    }

    /**
     * Finds providers through {@link java.util.ServiceLoader} with {@code classLoader}.
     *
     * @throws IllegalStateException when two discovered providers share an id
     */
    public Builder discoverProviders(ClassLoader classLoader) {
      providers.discover(Objects.requireNonNull(classLoader, "classLoader"));
      return this;
    }

    /** Registers a format; replaces a discovered one with the same id. */
    public Builder format(FormatWriterProvider provider) {
      providers.format(provider);
      return this;
    }

    /** Registers a transport; replaces a discovered one with the same id. */
    public Builder transport(TransportProvider provider) {
      providers.transport(provider);
      return this;
    }

    /** Registers an output stage; replaces a discovered one with the same id. */
    public Builder outputStage(OutputStageProvider provider) {
      providers.outputStage(provider);
      return this;
    }

    /** Registers a trigger policy; replaces a discovered one with the same id. */
    public Builder triggerPolicy(TriggerPolicyProvider provider) {
      providers.triggerPolicy(provider);
      return this;
    }

    /**
     * @throws IllegalStateException when the participant source or the operation directory is missing
     */
    public ExportService build() {
      List<String> missing = new ArrayList<>();
      if (participantSource == null) {
        missing.add("participantSource");
      }
      if (operationDirectory == null) {
        missing.add("operationDirectory");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("ExportService needs " + missing + ": the host's data behind ExportKit");
      }
      return new DefaultExportService(participantSource, operationDirectory, store, secretResolver, entitlements,
          clock, List.copyOf(listeners), providers.build(), progressInterval, statisticsSource, runRetention);
    }
  }
}
