package io.exportkit.internal;

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
import io.exportkit.OperationDirectory;
import io.exportkit.Page;
import io.exportkit.PageRequest;
import io.exportkit.ParticipantSource;
import io.exportkit.SecretResolver;
import io.exportkit.TriggerKind;
import io.exportkit.Violation;
import io.exportkit.event.ExportListener;
import io.exportkit.spi.TriggerContext;
import io.exportkit.transport.file.FileTransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ExportService}: the lifecycle rules over an {@link ExportStore}, and runs through an
 * {@link ExportRunner}. Every change is a compare-and-set on (id, version); actions that carry no
 * version re-read and retry when another change came first, so they act on the latest state.
 */
public final class DefaultExportService implements ExportService {
  private final OperationDirectory directory;
  private final ExportStore store;
  private final Entitlements entitlements;
  private final Clock clock;
  private final Providers providers;
  private final ExportRunner runner;

  public DefaultExportService(ParticipantSource source, OperationDirectory directory, ExportStore store,
      SecretResolver secrets, Entitlements entitlements, Clock clock, List<ExportListener> listeners, Providers providers,
      long progressInterval) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.store = Objects.requireNonNull(store, "store");
    this.entitlements = Objects.requireNonNull(entitlements, "entitlements");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.providers = Objects.requireNonNull(providers, "providers");
    this.runner = new ExportRunner(source, directory, providers, secrets, clock, new Listeners(listeners), progressInterval);
  }

  @Override
  public Export create(ExportDefinition definition) {
    Objects.requireNonNull(definition, "definition");
    check(definition, false);
    Instant now = clock.instant();
    Export export = new Export(UUID.randomUUID().toString(), 1, ExportStatus.DRAFT, false, definition, now, now, null, null);
    store.insert(export);
    return export;
  }

  @Override
  public Export update(String id, long expectedVersion, ExportDefinition definition) {
    Objects.requireNonNull(definition, "definition");
    Export current = get(id);
    if (current.version() != expectedVersion) {
      throw new ExportConflictException(id, expectedVersion, current.version());
    }
    require(current, ExportAction.UPDATE);
    ExportDefinition next = resetFieldsOnNewOperation(current.definition(), definition);
    check(next, false);
    Export updated = change(current, current.status(), current.favorite(), next, current.nextFireAt(), current.lastRun());
    if (!store.compareAndSet(current, updated)) {
      throw new ExportConflictException(id, expectedVersion, store.find(id).map(Export::version).orElse(-1L));
    }
    return updated;
  }

  /** The seed: once the operation of a custom export changes, its chosen fields are reset. */
  private static ExportDefinition resetFieldsOnNewOperation(ExportDefinition before, ExportDefinition after) {
    boolean operationChanged = !before.operations().equals(after.operations());
    if (after.type() == ExportType.CUSTOM && operationChanged && after.fields().equals(before.fields())) {
      return after.toBuilder().fields(List.of()).build();
    }
    return after;
  }

  @Override
  public Export publish(String id) {
    while (true) {
      Export current = get(id);
      require(current, ExportAction.PUBLISH);
      ExportDefinition d = current.definition();
      check(d, true);
      boolean immediate = d.trigger().kind() == TriggerKind.IMMEDIATE;
      Instant nextFire = immediate ? null : firstFire(d);
      Export published = change(current, immediate ? ExportStatus.IN_PROGRESS : ExportStatus.SCHEDULED,
          current.favorite(), d, nextFire, current.lastRun());
      if (store.compareAndSet(current, published)) {
        return immediate ? execute(published, ExportStatus.CLOSED) : published;
      }
    }
  }

  private Instant firstFire(ExportDefinition d) {
    Instant now = clock.instant();
    Instant operationEnd = d.operations().size() == 1
        ? directory.find(d.operations().get(0)).map(o -> o.end()).orElse(null) : null;
    return providers.triggerPolicy(d.trigger().kind().id()).policy(d.trigger())
        .nextFire(new TriggerContext(now, now, null, operationEnd))
        .orElseThrow(() -> new InvalidDefinitionException(List.of(new Violation("trigger",
            "the " + d.trigger().kind().id() + " trigger would never fire (is its date in the past?); choose a future date"))));
  }

  @Override
  public Export duplicate(String id) {
    Export original = get(id);
    ExportDefinition d = original.definition();
    String suffix = " (copy)";
    String name = d.name().length() + suffix.length() <= ExportDefinition.MAX_NAME_LENGTH
        ? d.name() + suffix : d.name().substring(0, ExportDefinition.MAX_NAME_LENGTH - suffix.length()) + suffix;
    Instant now = clock.instant();
    Export copy = new Export(UUID.randomUUID().toString(), 1, ExportStatus.DRAFT, false, d.toBuilder().name(name).build(),
        now, now, null, null);
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
      Export next = change(current, current.status(), favorite, current.definition(), current.nextFireAt(), current.lastRun());
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
      Export next = change(current, ExportStatus.DRAFT, current.favorite(), current.definition(), null, current.lastRun());
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
  public ExportRun runNow(String id) {
    while (true) {
      Export current = get(id);
      require(current, ExportAction.RUN);
      Export running = change(current, ExportStatus.IN_PROGRESS, current.favorite(), current.definition(),
          current.nextFireAt(), current.lastRun());
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

  /** Runs an export that is In progress, then moves it to {@code after}. */
  private Export execute(Export inProgress, ExportStatus after) {
    ExportRun running = runner.start(inProgress);
    store.saveRun(running);
    ExportRun ended = runner.run(inProgress, running);
    store.saveRun(ended);
    while (true) {
      // Favorites may change while the run goes on: re-read, keep them, swap the status.
      Export current = get(inProgress.id());
      Export finished = change(current, after, current.favorite(), current.definition(), current.nextFireAt(), ended);
      if (store.compareAndSet(current, finished)) {
        return finished;
      }
    }
  }

  private static void require(Export export, ExportAction action) {
    if (!action.allowedIn(export.status())) {
      throw new IllegalStateTransitionException(export.id(), action, export.status());
    }
  }

  private Export change(Export current, ExportStatus status, boolean favorite, ExportDefinition definition,
      @Nullable Instant nextFireAt, @Nullable ExportRun lastRun) {
    return new Export(current.id(), current.version() + 1, status, favorite, definition, current.createdAt(),
        clock.instant(), nextFireAt, lastRun);
  }

  /**
   * The checks that need the host and the providers. A missing provider is a deployment problem
   * and throws {@link io.exportkit.ProviderNotFoundException} at once; what does not fit the
   * host's data is collected into one {@link InvalidDefinitionException}.
   */
  private void check(ExportDefinition d, boolean publishing) {
    List<Violation> violations = new ArrayList<>();
    providers.format(d.format().id()).validate(d.format()).forEach(m -> violations.add(new Violation("format", m)));
    if (!d.compression().equals("none")) {
      providers.outputStage(d.compression());
    }
    if (d.encryption() != null) {
      providers.outputStage("openpgp");
    }
    providers.transport(d.destination().scheme()).validate(d.destination())
        .forEach(m -> violations.add(new Violation("destination", m)));
    if (d.trigger().kind() != TriggerKind.IMMEDIATE) {
      providers.triggerPolicy(d.trigger().kind().id());
    }
    if (!entitlements.allows(d.type())) {
      violations.add(new Violation("type", d.type() + " exports are a paid option this account does not have;"
          + " upgrade the account or choose another export type"));
    }
    ExportPlan.resolve(d, directory, violations);
    if (publishing && d.type() == ExportType.CUSTOM && d.fields().isEmpty()) {
      violations.add(new Violation("fields", "choose at least one field before publishing a CUSTOM export"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidDefinitionException(violations);
    }
  }
}
