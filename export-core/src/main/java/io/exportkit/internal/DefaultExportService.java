package io.exportkit.internal;

import io.exportkit.Destination;
import io.exportkit.Entitlements;
import io.exportkit.Export;
import io.exportkit.ExportAction;
import io.exportkit.ExportCategory;
import io.exportkit.ExportConflictException;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportException;
import io.exportkit.ExportNotFoundException;
import io.exportkit.ExportRun;
import io.exportkit.ExportService;
import io.exportkit.ExportStatus;
import io.exportkit.ExportStore;
import io.exportkit.ExportType;
import io.exportkit.IllegalStateTransitionException;
import io.exportkit.InvalidDefinitionException;
import io.exportkit.Operation;
import io.exportkit.OperationDirectory;
import io.exportkit.Page;
import io.exportkit.PageRequest;
import io.exportkit.ParticipantSource;
import io.exportkit.RunOutcome;
import io.exportkit.RunQuery;
import io.exportkit.RunRetention;
import io.exportkit.SecretResolver;
import io.exportkit.TriggerKind;
import io.exportkit.Violation;
import io.exportkit.event.ExportListener;
import io.exportkit.spi.FormatWriterProvider;
import io.exportkit.spi.TriggerContext;
import io.exportkit.statistics.AccountStatistics;
import io.exportkit.statistics.ExportStatistics;
import io.exportkit.statistics.StatisticsSource;
import io.exportkit.transport.file.FileTransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ExportService}: the lifecycle rules over an {@link ExportStore}, and runs through an
 * {@link ExportRunner}. Every change is a compare-and-set on (id, version); actions that carry no
 * version re-read and retry when another change came first, so they act on the latest state.
 */
public final class DefaultExportService implements ExportService {
  private static final Logger log = LoggerFactory.getLogger(DefaultExportService.class);
  private final OperationDirectory directory;
  private final ExportStore store;
  private final Entitlements entitlements;
  private final Clock clock;
  private final Providers providers;
  private final SecretResolver secrets;
  private final ExportRunner runner;
  private final StatisticsSource statistics;
  private final RunRetention retention;

  public DefaultExportService(ParticipantSource source, OperationDirectory directory, ExportStore store,
      SecretResolver secrets, Entitlements entitlements, Clock clock, List<ExportListener> listeners, Providers providers,
      long progressInterval, @Nullable StatisticsSource statistics, RunRetention retention) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.store = Objects.requireNonNull(store, "store");
    this.entitlements = Objects.requireNonNull(entitlements, "entitlements");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.providers = Objects.requireNonNull(providers, "providers");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.runner = new ExportRunner(source, directory, providers, secrets, entitlements, clock, new Listeners(listeners),
        progressInterval);
    this.statistics = statistics != null ? statistics : new StreamedStatistics(source);
    this.retention = Objects.requireNonNull(retention, "retention");
  }

  @Override
  public Export create(ExportDefinition definition) {
    Objects.requireNonNull(definition, "definition");
    check(definition, false);
    Instant now = clock.instant();
    Export export = new Export(UUID.randomUUID().toString(), 1, 1, ExportStatus.DRAFT, false, definition, now, now, null,
        null, null, null);
    store.insert(export);
    return export;
  }

  @Override
  public Export update(String id, long expectedVersion, ExportDefinition definition) {
    Objects.requireNonNull(definition, "definition");
    while (true) {
      Export current = get(id);
      // The caller's definition is still the current one when nothing but its favorite, status or
      // runs changed since it read the export: saving it is no conflict.
      if (expectedVersion < current.definitionVersion() || expectedVersion > current.version()) {
        throw new ExportConflictException(id, expectedVersion, current.version());
      }
      require(current, ExportAction.UPDATE);
      check(definition, false);
      Export updated = change(current).definition(definition).build();
      if (store.compareAndSet(current, updated)) {
        return updated;
      }
    }
  }

  @Override
  public Export publish(String id) {
    while (true) {
      Export current = get(id);
      require(current, ExportAction.PUBLISH);
      ExportDefinition d = current.definition();
      check(d, true);
      boolean immediate = d.trigger().kind() == TriggerKind.IMMEDIATE;
      Instant now = clock.instant();
      Instant nextFire = immediate ? null : firstFire(d, now);
      Export published = change(current).status(immediate ? ExportStatus.IN_PROGRESS : ExportStatus.SCHEDULED)
          .publishedAt(now).nextFireAt(nextFire).build();
      if (store.compareAndSet(current, published)) {
        return immediate ? execute(published, ExportStatus.CLOSED) : published;
      }
    }
  }

  private Instant firstFire(ExportDefinition d, Instant now) {
    return nextFire(d, new TriggerContext(now, now, null, operationEnd(d)))
        .orElseThrow(() -> new InvalidDefinitionException(List.of(new Violation("trigger",
            "the " + d.trigger().kind().id() + " trigger would never fire (is its date in the past?); choose a future date"))));
  }

  private Optional<Instant> nextFire(ExportDefinition d, TriggerContext context) {
    return providers.triggerPolicy(d.trigger().kind().id()).policy(d.trigger()).nextFire(context);
  }

  /** The end of the export's operation as the host's directory says now; null unless it has exactly one. */
  private @Nullable Instant operationEnd(ExportDefinition d) {
    return d.operations().size() == 1 ? directory.find(d.operations().get(0)).map(Operation::end).orElse(null) : null;
  }

  @Override
  public Export duplicate(String id) {
    Export original = get(id);
    ExportDefinition d = original.definition();
    String suffix = " (copy)";
    String name = d.name().length() + suffix.length() <= ExportDefinition.MAX_NAME_LENGTH
        ? d.name() + suffix : d.name().substring(0, ExportDefinition.MAX_NAME_LENGTH - suffix.length()) + suffix;
    Instant now = clock.instant();
    Export copy = new Export(UUID.randomUUID().toString(), 1, 1, ExportStatus.DRAFT, false,
        d.toBuilder().name(name).build(), now, now, null, null, null, null);
    store.insert(copy);
    return copy;
  }

  @Override
  public Export favorite(String id, boolean favorite) {
    while (true) {
      Export current = get(id);
      if (current.favorite() == favorite) {
        return current;
      }
      Export next = change(current).favorite(favorite).build();
      if (store.compareAndSet(current, next)) {
        return next;
      }
    }
  }

  @Override
  public Export disable(String id) {
    while (true) {
      Export current = get(id);
      require(current, ExportAction.DISABLE);
      if (current.definition().type() != ExportType.CUSTOM) {
        Set<ExportAction> allowed = ExportAction.allowedActions(current.status());
        allowed.remove(ExportAction.DISABLE);
        throw new IllegalStateTransitionException(id, ExportAction.DISABLE, current.status(),
            "only CUSTOM exports can be disabled, and this one is " + current.definition().type(), allowed);
      }
      Export next = change(current).status(ExportStatus.DRAFT).nextFireAt(null).build();
      if (store.compareAndSet(current, next)) {
        return next;
      }
    }
  }

  @Override
  public void delete(String id) {
    while (true) {
      Export current = get(id);
      require(current, ExportAction.DELETE);
      if (store.delete(id, current.version())) {
        return;
      }
    }
  }

  @Override
  public Optional<Export> find(String id) {
    return store.find(Objects.requireNonNull(id, "id"));
  }

  @Override
  public Export get(String id) {
    return find(id).orElseThrow(() -> new ExportNotFoundException(id));
  }

  @Override
  public Page<Export> list(ExportCategory category, PageRequest page) {
    return store.list(Objects.requireNonNull(category, "category"), Objects.requireNonNull(page, "page"));
  }

  @Override
  public List<ExportRun> runs(String exportId) {
    return store.runs(Objects.requireNonNull(exportId, "exportId"));
  }

  @Override
  public Page<ExportRun> runs(RunQuery query, PageRequest page) {
    return store.runs(Objects.requireNonNull(query, "query"), Objects.requireNonNull(page, "page"));
  }

  @Override
  public long pruneRuns() {
    long removed = RunHistory.prune(store, retention, clock.instant());
    if (removed > 0) {
      log.info("Removed {} runs from the history ({})", removed, retention);
    }
    return removed;
  }

  @Override
  public AccountStatistics statistics(ZoneId zone) {
    return AccountStatisticsCalculator.compute(directory, statistics, Objects.requireNonNull(zone, "zone"));
  }

  @Override
  public ExportStatistics exportStatistics(Instant from, Instant to) {
    return ExportStatisticsCalculator.compute(store, from, to);
  }

  @Override
  public ExportRun runNow(String id) {
    while (true) {
      Export current = get(id);
      require(current, ExportAction.RUN);
      Export running = change(current).status(ExportStatus.IN_PROGRESS).build();
      if (store.compareAndSet(current, running)) {
        return Objects.requireNonNull(execute(running, current.status()).lastRun());
      }
    }
  }

  @Override
  public InputStream openDelivered(String runId) throws IOException {
    ExportRun run = store.findRun(Objects.requireNonNull(runId, "runId"))
        .orElseThrow(() -> new ExportException("No run with id '" + runId + "'"));
    URI location = run.location();
    if (!run.succeeded() || location == null) {
      throw new ExportException("Run " + runId + " delivered no file (" + run.outcome() + ")");
    }
    if (!"file".equals(location.getScheme())) {
      throw new ExportException("Run " + runId + " delivered to " + location.getScheme()
          + ", not to local storage; fetch it from " + location);
    }
    Path path = FileTransportProvider.folder(location);
    return Files.newInputStream(path);
  }

  @Override
  public boolean stopRun(String exportId, String reason) {
    return runner.stop(Objects.requireNonNull(exportId, "exportId"), Objects.requireNonNull(reason, "reason"));
  }

  @Override
  public List<Export> due(Instant now, int limit) {
    Objects.requireNonNull(now, "now");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1: " + limit);
    }
    return store.due(now, limit);
  }

  @Override
  public Optional<Export> claim(String id, Instant now, Firing firing) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(firing, "firing");
    while (true) {
      Export current = store.find(Objects.requireNonNull(id, "id")).orElse(null);
      Instant dueAt = current == null ? null : current.dueAt();
      if (dueAt == null || dueAt.isAfter(now)) {
        return Optional.empty();
      }
      Export.Lease held = current.lease();
      if (held == null) {
        Instant occurrence = Objects.requireNonNull(current.nextFireAt());
        Optional<Instant> later = movedLater(current, now);
        if (later.isPresent()) {
          if (store.compareAndSet(current, change(current).nextFireAt(later.get()).build())) {
            log.info("Export '{}': its {} trigger now fires at {}, no longer at {}; waiting", current.name(),
                current.definition().trigger().kind().id(), later.get(), occurrence);
            return Optional.empty();
          }
          continue;
        }
        Export claimed = change(current).status(ExportStatus.IN_PROGRESS)
            .lease(new Export.Lease(occurrence, 1, firing.owner(), now.plus(firing.lease()))).build();
        if (store.compareAndSet(current, claimed)) {
          return Optional.of(claimed);
        }
      } else if (held.attempt() >= firing.maxAttempts()) {
        if (giveUp(current, held, firing)) {
          return Optional.empty();
        }
      } else {
        Export claimed = change(current)
            .lease(new Export.Lease(held.occurrence(), held.attempt() + 1, firing.owner(), now.plus(firing.lease())))
            .build();
        if (store.compareAndSet(current, claimed)) {
          if (held.owner() != null) {
            log.warn("Export '{}': the run of its occurrence at {} stopped with scheduler '{}' (lease expired at {});"
                + " running it again under the same file name, attempt {}/{}", current.name(), held.occurrence(),
                held.owner(), held.expiresAt(), held.attempt() + 1, firing.maxAttempts());
          }
          return Optional.of(claimed);
        }
      }
    }
  }

  /** For a one-shot trigger: the later instant it names now (an operation's end moved later), if any. */
  private Optional<Instant> movedLater(Export export, Instant now) {
    ExportDefinition d = export.definition();
    if (d.trigger().kind().recurring()) {
      return Optional.empty();
    }
    return nextFire(d, new TriggerContext(now, publishedAt(export), null, operationEnd(d))).filter(at -> at.isAfter(now));
  }

  /** Records the occurrence whose last attempt never ended as failed, and moves the export on. */
  private boolean giveUp(Export current, Export.Lease held, Firing firing) {
    String runId = ExportRunner.occurrenceRunId(current.id(), held.occurrence());
    ExportRun attempt = store.findRun(runId).filter(run -> run.outcome() == RunOutcome.RUNNING)
        .orElseGet(() -> runner.start(current, held.occurrence(), Map.of()));
    String why = held.owner() == null ? "its last retry was never run"
        : "scheduler '" + held.owner() + "' stopped during attempt " + held.attempt();
    ExportRun failed = attempt.failed(clock.instant(), 0, null, "Export '" + current.name() + "' run " + runId
        + ": gave up the occurrence at " + held.occurrence() + " after " + held.attempt() + " of " + firing.maxAttempts()
        + " attempts (" + why + "); allow more attempts to have such runs re-run");
    Export next = endOccurrence(current, held.occurrence(), failed);
    store.saveRun(failed);
    if (!store.compareAndSet(current, next)) {
      return false;
    }
    log.warn("{}", failed.error());
    return true;
  }

  @Override
  public ExportRun fire(Export claimed, Firing firing) {
    Objects.requireNonNull(firing, "firing");
    Export.Lease lease = Objects.requireNonNull(claimed, "claimed").lease();
    if (lease == null || !firing.owner().equals(lease.owner())) {
      throw new IllegalArgumentException("export " + claimed.id() + " is not claimed by '" + firing.owner()
          + "'; fire only what claim(...) returned");
    }
    Optional<ExportRun> previous = store.findRun(ExportRunner.occurrenceRunId(claimed.id(), lease.occurrence()));
    if (previous.filter(run -> ExportRun.BY_OPERATOR.equals(run.details().get(ExportRun.ENDED_BY))).isPresent()) {
      ExportRun notRun = runner.start(claimed, lease.occurrence(), Map.of()).failed(clock.instant(), 0, null,
          "Export '" + claimed.name() + "': an operator ended the run of its occurrence at " + lease.occurrence()
              + " after scheduler '" + firing.owner() + "' claimed it; not run");
      log.warn("{}", notRun.error());
      return notRun;
    }
    ExportRun ended;
    if (previous.filter(ExportRun::succeeded).isPresent()) {
      ended = previous.get();
      log.info("Export '{}' run {}: delivered by an attempt whose scheduler stopped before recording it; not run again",
          claimed.name(), ended.id());
    } else {
      // A previous attempt that never ended may have committed its file: this one replaces it.
      boolean recovering = previous.filter(run -> run.outcome() == RunOutcome.RUNNING).isPresent();
      Destination destination = claimed.definition().destination();
      ExportRun running = runner.start(claimed, lease.occurrence(), attemptDetails(claimed, lease, previous, firing));
      store.saveRun(running);
      ended = runner.run(claimed, running, recovering ? destination.withOverwrite(true) : destination);
    }
    endAttempt(claimed, lease, ended, firing);
    return ended;
  }

  /** What the run of an attempt notes: its attempt number, and how late a missed occurrence fired. */
  private Map<String, String> attemptDetails(Export claimed, Export.Lease lease, Optional<ExportRun> previous,
      Firing firing) {
    Map<String, String> details = new TreeMap<>();
    previous.map(run -> run.details().get(ExportRun.MISFIRE)).ifPresent(late -> details.put(ExportRun.MISFIRE, late));
    if (lease.attempt() > 1) {
      details.put(ExportRun.ATTEMPT, Integer.toString(lease.attempt()));
      return details;
    }
    Duration late = Duration.between(lease.occurrence(), clock.instant());
    if (late.compareTo(firing.misfireThreshold()) > 0) {
      details.put(ExportRun.MISFIRE, late.toString());
      log.warn("Export '{}' missed its occurrence at {} by {} (no scheduler fired it in time); firing it once now,"
          + " without catching up later occurrences", claimed.name(), lease.occurrence(), late);
    }
    return details;
  }

  /** Records the attempt's run, and schedules a retry or ends the occurrence, unless the lease was lost. */
  private void endAttempt(Export claimed, Export.Lease lease, ExportRun ended, Firing firing) {
    // A stopped run is not retried: whoever stopped it (a scheduler shutting down) wants no more runs.
    boolean retry = !ended.succeeded() && !ended.details().containsKey(ExportRun.STOPPED)
        && lease.attempt() < firing.maxAttempts();
    while (true) {
      Export current = store.find(claimed.id()).orElse(null);
      if (current == null || !lease.equals(withExpiry(current.lease(), lease.expiresAt()))) {
        log.warn("Export '{}' run {}: scheduler '{}' lost its lease on the occurrence at {} (it stalled past the lease"
            + " and another scheduler claimed it again, or an operator ended the run); this attempt's outcome, {}, is"
            + " not recorded", claimed.name(), ended.id(), firing.owner(), lease.occurrence(), ended.outcome());
        return;
      }
      Export next = retry
          ? change(current).lease(new Export.Lease(lease.occurrence(), lease.attempt(), null,
              clock.instant().plus(backoff(firing, lease.attempt())))).build()
          : endOccurrence(current, lease.occurrence(), ended);
      store.saveRun(ended);
      if (store.compareAndSet(current, next)) {
        if (retry) {
          // INFO: the failed run logged its one WARN already.
          log.info("Export '{}' run {}: attempt {}/{} failed; retrying at {}", claimed.name(), ended.id(),
              lease.attempt(), firing.maxAttempts(), next.dueAt());
        }
        return;
      }
    }
  }

  /** {@code lease} with {@code expiresAt}, to compare leases whatever their renewals. */
  private static Export.@Nullable Lease withExpiry(Export.@Nullable Lease lease, Instant expiresAt) {
    return lease == null ? null : new Export.Lease(lease.occurrence(), lease.attempt(), lease.owner(), expiresAt);
  }

  private static Duration backoff(Firing firing, int failedAttempt) {
    return firing.backoff().multipliedBy(1L << Math.min(failedAttempt - 1, 20));
  }

  /**
   * The export once its occurrence ended with {@code run}: a one-shot export is Closed; a recurring
   * one is Scheduled at its first fire time after now (or after the occurrence, if the clock is
   * behind it), so occurrences missed meanwhile are not caught up.
   */
  private Export endOccurrence(Export current, Instant occurrence, ExportRun run) {
    ExportDefinition d = current.definition();
    Instant now = clock.instant();
    Optional<Instant> next = d.trigger().kind().recurring()
        ? nextFire(d, new TriggerContext(now.isAfter(occurrence) ? now : occurrence, publishedAt(current), occurrence,
            operationEnd(d)))
        : Optional.empty();
    return change(current).status(next.isPresent() ? ExportStatus.SCHEDULED : ExportStatus.CLOSED)
        .nextFireAt(next.orElse(null)).lease(null).lastRun(run).build();
  }

  private static Instant publishedAt(Export export) {
    return export.publishedAt() != null ? export.publishedAt() : export.createdAt();
  }

  @Override
  public boolean renewLease(String id, String owner, Instant expiresAt) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(expiresAt, "expiresAt");
    while (true) {
      Export current = store.find(Objects.requireNonNull(id, "id")).orElse(null);
      Export.Lease held = current == null ? null : current.lease();
      if (held == null || !owner.equals(held.owner())) {
        return false;
      }
      if (!held.expiresAt().isBefore(expiresAt)) {
        return true;
      }
      Export renewed = change(current).lease(withExpiry(held, expiresAt)).build();
      if (store.compareAndSet(current, renewed)) {
        return true;
      }
    }
  }

  /** Runs an export that is In progress, then moves it to {@code after}. */
  private Export execute(Export inProgress, ExportStatus after) {
    ExportRun running = runner.start(inProgress);
    store.saveRun(running);
    ExportRun ended = runner.run(inProgress, running);
    while (true) {
      // Favorites may change while the run goes on: re-read, keep them, swap the status.
      Export current = get(inProgress.id());
      if (endedByAnOperator(current, running, ended)) {
        log.warn("Export '{}' run {} ended {} after an operator had ended it; this outcome is not recorded",
            current.name(), running.id(), ended.outcome());
        return current;
      }
      Export finished = change(current).status(after).lastRun(ended).build();
      store.saveRun(ended);
      if (store.compareAndSet(current, finished)) {
        return finished;
      }
    }
  }

  /** {@code failed} noted as ended by an operator, so that a scheduler holding its occurrence does not run it. */
  private static ExportRun byOperator(ExportRun failed) {
    Map<String, String> details = new TreeMap<>(failed.details());
    details.put(ExportRun.ENDED_BY, ExportRun.BY_OPERATOR);
    return new ExportRun(failed.id(), failed.exportId(), failed.exportVersion(), failed.sequence(), failed.occurrence(),
        failed.startedAt(), failed.endedAt(), failed.outcome(), failed.rows(), failed.bytes(), failed.sha256(),
        failed.fileName(), failed.location(), failed.error(), details);
  }

  /**
   * Whether {@link #endRun} ended {@code running} (a run by hand or on publish) while it went on:
   * the export is no longer In progress for it, or the stored run is neither running nor {@code ended}.
   */
  private boolean endedByAnOperator(Export current, ExportRun running, ExportRun ended) {
    return current.status() != ExportStatus.IN_PROGRESS || current.lease() != null
        || store.findRun(running.id()).filter(run -> run.outcome() == RunOutcome.RUNNING || run.equals(ended)).isEmpty();
  }

  @Override
  public Export endRun(String id) {
    while (true) {
      Export current = get(id);
      require(current, ExportAction.END_RUN);
      Export.Lease lease = current.lease();
      ExportRun stranded = (lease != null
          ? store.findRun(ExportRunner.occurrenceRunId(current.id(), lease.occurrence()))
          : store.runs(current.id()).stream().findFirst())
          .filter(run -> run.outcome() == RunOutcome.RUNNING)
          .orElseGet(() -> lease != null ? runner.start(current, lease.occurrence(), Map.of()) : runner.start(current));
      ExportRun failed = byOperator(stranded.failed(clock.instant(), stranded.rows(), stranded.fileName(), "Export '"
          + current.name() + "' run " + stranded.id() + ": ended by an operator while In progress; if its process is"
          + " still running it, its outcome is not recorded and a file it delivers stays at the destination"));
      Export next = lease != null
          ? endOccurrence(current, lease.occurrence(), failed)
          : change(current).status(current.nextFireAt() != null ? ExportStatus.SCHEDULED : ExportStatus.CLOSED)
              .lastRun(failed).build();
      // The export first: a run that goes on sees it no longer In progress and records nothing.
      if (store.compareAndSet(current, next)) {
        store.saveRun(failed);
        log.warn("{}", failed.error());
        return next;
      }
    }
  }

  private static void require(Export export, ExportAction action) {
    if (!action.allowedIn(export.status())) {
      throw new IllegalStateTransitionException(export.id(), action, export.status());
    }
  }

  /** The next version of {@code current}: change what differs, then {@link Change#build()}. */
  private Change change(Export current) {
    return new Change(current, clock.instant());
  }

  /** The parts of an export that a change may set; the rest follows from the current version. */
  private static final class Change {
    private final Export current;
    private final Instant now;
    private ExportStatus status;
    private boolean favorite;
    private ExportDefinition definition;
    private @Nullable Instant publishedAt;
    private @Nullable Instant nextFireAt;
    private Export.@Nullable Lease lease;
    private @Nullable ExportRun lastRun;

    Change(Export current, Instant now) {
      this.current = current;
      this.now = now;
      status = current.status();
      favorite = current.favorite();
      definition = current.definition();
      publishedAt = current.publishedAt();
      nextFireAt = current.nextFireAt();
      lease = current.lease();
      lastRun = current.lastRun();
    }

    Change status(ExportStatus status) {
      this.status = status;
      return this;
    }

    Change favorite(boolean favorite) {
      this.favorite = favorite;
      return this;
    }

    Change definition(ExportDefinition definition) {
      this.definition = definition;
      return this;
    }

    Change publishedAt(Instant publishedAt) {
      this.publishedAt = publishedAt;
      return this;
    }

    Change nextFireAt(@Nullable Instant nextFireAt) {
      this.nextFireAt = nextFireAt;
      return this;
    }

    Change lease(Export.@Nullable Lease lease) {
      this.lease = lease;
      return this;
    }

    Change lastRun(ExportRun lastRun) {
      this.lastRun = lastRun;
      return this;
    }

    Export build() {
      long version = current.version() + 1;
      long definitionVersion = definition == current.definition() ? current.definitionVersion() : version;
      return new Export(current.id(), version, definitionVersion, status, favorite, definition, current.createdAt(), now,
          publishedAt, nextFireAt, lease, lastRun);
    }
  }

  /**
   * The checks that need the host and the providers. A missing provider is a deployment problem:
   * every one the definition needs is named in one {@link io.exportkit.ProviderNotFoundException},
   * thrown before the rest; what does not fit the host's data is collected into one
   * {@link InvalidDefinitionException}. The format checks its options against the columns when
   * the definition resolves to some, and alone otherwise.
   */
  private void check(ExportDefinition d, boolean publishing) {
    List<String> stages = new ArrayList<>();
    if (!d.compression().equals("none")) {
      stages.add(d.compression());
    }
    if (d.encryption() != null) {
      stages.add("openpgp");
    }
    String trigger = d.trigger().kind() == TriggerKind.IMMEDIATE ? null : d.trigger().kind().id();
    providers.missing(d.format().id(), stages, d.destination().scheme(), trigger).ifPresent(missing -> {
      throw missing;
    });
    List<Violation> violations = new ArrayList<>();
    List<Violation> planViolations = new ArrayList<>();
    Optional<ExportPlan> plan = ExportPlan.resolve(d, directory, planViolations);
    FormatWriterProvider format = providers.format(d.format().id());
    List<String> formatProblems = plan.isPresent()
        ? format.validate(d.format(), plan.get().schema())
        : format.validate(d.format());
    formatProblems.forEach(m -> violations.add(new Violation("format", m)));
    if (!d.compression().equals("none")) {
      providers.outputStage(d.compression()).validate(d, secrets)
          .forEach(m -> violations.add(new Violation("compression", m)));
    }
    if (d.encryption() != null) {
      providers.outputStage("openpgp").validate(d, secrets)
          .forEach(m -> violations.add(new Violation("encryption", m)));
    }
    d.destination().secrets().forEach((role, ref) -> {
      if (secrets.resolve(ref).isEmpty()) {
        violations.add(new Violation("destination.secrets." + role, "secret '" + ref.name()
            + "' is unknown to the host's SecretResolver: register it, or fix the reference"));
      }
    });
    providers.transport(d.destination().scheme()).validate(d.destination(), secrets)
        .forEach(m -> violations.add(new Violation("destination", m)));
    if (!entitlements.allows(d.type())) {
      violations.add(new Violation("type", d.type() + " exports are a paid option this account does not have;"
          + " upgrade the account or choose another export type"));
    }
    violations.addAll(planViolations);
    if (publishing && d.type() == ExportType.CUSTOM && d.fields().isEmpty()) {
      violations.add(new Violation("fields", "choose at least one field before publishing a CUSTOM export"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidDefinitionException(violations);
    }
  }
}
