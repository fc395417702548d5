package io.exportkit.internal;

import io.exportkit.DeliveryException;
import io.exportkit.Destination;
import io.exportkit.Entitlements;
import io.exportkit.Export;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportException;
import io.exportkit.ExportRun;
import io.exportkit.FormatException;
import io.exportkit.InvalidDefinitionException;
import io.exportkit.OperationDirectory;
import io.exportkit.ParticipantRecord;
import io.exportkit.ParticipantSource;
import io.exportkit.RunOutcome;
import io.exportkit.SecretResolver;
import io.exportkit.SourceException;
import io.exportkit.Violation;
import io.exportkit.event.ExportFailedEvent;
import io.exportkit.event.ExportStartedEvent;
import io.exportkit.event.FileDeliveredEvent;
import io.exportkit.event.RowsWrittenEvent;
import io.exportkit.spi.Delivered;
import io.exportkit.spi.FormatWriter;
import io.exportkit.spi.OutputStage;
import io.exportkit.spi.StageContext;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one export in one streaming pass: source → format writer → output stages → transport
 * upload → commit. Never throws, whatever a provider throws (an {@link Error} included; only a
 * {@link VirtualMachineError} other than running out of memory or stack goes on, as the JVM is
 * failing): it returns the ended run, failed with its cause, after aborting the upload so that
 * nothing partial stays at the destination.
 */
final class ExportRunner {
  private static final Logger log = LoggerFactory.getLogger(ExportRunner.class);
  private static final int BUFFER = 64 * 1024;

  private final ParticipantSource source;
  private final OperationDirectory directory;
  private final Providers providers;
  private final SecretResolver secrets;
  private final Entitlements entitlements;
  private final Clock clock;
  private final Listeners listeners;
  private final long progressInterval;
  /** The runs going on, for {@link #stop} to reach. */
  private final Set<Progress> going = ConcurrentHashMap.newKeySet();

  ExportRunner(ParticipantSource source, OperationDirectory directory, Providers providers, SecretResolver secrets,
      Entitlements entitlements, Clock clock, Listeners listeners, long progressInterval) {
    this.source = source;
    this.directory = directory;
    this.providers = providers;
    this.secrets = secrets;
    this.entitlements = entitlements;
    this.clock = clock;
    this.listeners = listeners;
    this.progressInterval = progressInterval;
  }

  /** The run that {@link #run} will fill in: running, not yet saved. */
  ExportRun start(Export export) {
    return ExportRun.running(UUID.randomUUID().toString(), export.id(), export.version(), nextSequence(export), null,
        clock.instant());
  }

  /**
   * The run of a trigger occurrence that {@link #run} will fill in. Its id and sequence depend on
   * the export and the occurrence only (the last run does not change while an occurrence is being
   * fired), and its file is named after the occurrence: every attempt at an occurrence delivers
   * under the same name.
   */
  ExportRun start(Export export, Instant occurrence, Map<String, String> details) {
    return new ExportRun(occurrenceRunId(export.id(), occurrence), export.id(), export.version(), nextSequence(export),
        occurrence, clock.instant(), null, RunOutcome.RUNNING, 0, 0, null, null, null, null, details);
  }

  /** The id of the run of an export's occurrence: a name-based UUID of both. */
  static String occurrenceRunId(String exportId, Instant occurrence) {
    return UUID.nameUUIDFromBytes((exportId + "@" + occurrence).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static long nextSequence(Export export) {
    return export.lastRun() == null ? 1 : export.lastRun().sequence() + 1;
  }

  /** Asks the runs of {@code exportId} going on to stop; whether there was one. */
  boolean stop(String exportId, String reason) {
    boolean found = false;
    for (Progress run : going) {
      if (run.exportId.equals(exportId)) {
        run.stopReason = reason;
        found = true;
      }
    }
    return found;
  }

  /** Runs {@code export} as {@code running} to its destination, and returns the ended run. */
  ExportRun run(Export export, ExportRun running) {
    return run(export, running, export.definition().destination());
  }

  /** Runs {@code export} as {@code running} to {@code destination}, and returns the ended run. */
  ExportRun run(Export export, ExportRun running, Destination destination) {
    ExportDefinition definition = export.definition();
    String outerExportId = MDC.get("exportId");
    String outerRunId = MDC.get("runId");
    MDC.put("exportId", export.id());
    MDC.put("runId", running.id());
    Progress progress = new Progress(export.id(), running.id());
    going.add(progress);
    String fileName = null;
    try {
      log.info("Export '{}' run {} started", definition.name(), running.id());
      listeners.exportStarted(new ExportStartedEvent(export.id(), definition.name(), running.id(), running.startedAt()));
      if (!entitlements.allows(definition.type())) {
        // Checked at every run, not only at publish: an option may lapse while an export is scheduled.
        throw new ExportException(definition.type() + " exports are a paid option that is not active on this account;"
            + " nothing was delivered, and the export keeps its schedule: activate the option to have it run again");
      }

      ExportPlan plan = plan(definition);
      var format = providers.format(definition.format().id());
      FileNameTemplate template = FileNameTemplate.parse(definition.naming());
      List<OutputStage> stages = new ArrayList<>();
      fileName = name(export, running, plan, template, definition.format().id(), stages);

      var transportProvider = providers.transport(destination.scheme());
      String name = fileName;
      progress.checkNotStopped();
      // Closed in reverse order: the upload ends (aborting unless committed) before its transport.
      try (Transport transport = delivering(destination, () -> transportProvider.open(destination, secrets));
          Upload upload = delivering(destination, () -> transport.upload(name))) {
        DeliveredBytes delivered = new DeliveredBytes(upload.stream());
        OutputStream out = delivered;
        for (int i = stages.size() - 1; i >= 0; i--) {
          out = stages.get(i).wrap(out);
        }
        try (OutputStream buffered = new BufferedOutputStream(out, BUFFER)) {
          FormatWriter writer = format.open(buffered, plan.schema(), definition.format());
          copyRows(plan, writer, progress, delivered);
          writer.finish();
        }
        progress.checkNotStopped();
        Delivered done = delivering(destination, upload::commit);
        if (done.size() >= 0 && done.size() != delivered.count()) {
          throw new DeliveryException(destination.scheme(), destination.uri(),
              "the destination holds " + done.size() + " bytes of " + fileName + " but " + delivered.count()
                  + " were sent", null);
        }
        listeners.rowsWritten(new RowsWrittenEvent(export.id(), running.id(), progress.rows, delivered.count()));
        Map<String, String> details = new TreeMap<>(running.details());
        stages.forEach(stage -> details.putAll(stage.details()));
        details.putAll(done.details());
        ExportRun ended = running.succeeded(clock.instant(), progress.rows, delivered.count(), delivered.sha256Hex(),
            fileName, done.location(), details);
        log.info("Export '{}' run {} delivered {} rows, {} bytes to {}", definition.name(), running.id(),
            ended.rows(), ended.bytes(), done.location());
        listeners.fileDelivered(new FileDeliveredEvent(ended));
        return ended;
      }
    } catch (Throwable e) {
      if (e instanceof VirtualMachineError vme && !(e instanceof OutOfMemoryError || e instanceof StackOverflowError)) {
        // The JVM itself is failing (InternalError…): nothing done next can be trusted, as when the
        // process dies. A scheduler's lease expiry, or ExportService.endRun, ends such a run.
        throw vme;
      }
      // Whatever a provider or a listener threw, the run ends: an export never stays In progress.
      ExportException failure = classify(definition, destination, running, e);
      ExportRun ended = running.failed(clock.instant(), progress.rows, fileName, failure.getMessage());
      if (e instanceof RunStoppedException stopped) {
        ended = withDetail(ended, ExportRun.STOPPED, stopped.reason);
        log.warn("{}", failure.getMessage());
      } else if (e instanceof Error) {
        log.error("{}", failure.getMessage(), e);
      } else {
        // An expected failure: one line says what to fix; the stack trace is for debugging.
        log.warn("{}", failure.getMessage());
        log.debug("Export '{}' run {} failed", definition.name(), running.id(), failure);
      }
      listeners.exportFailed(new ExportFailedEvent(ended, failure));
      return ended;
    } finally {
      going.remove(progress);
      restore("exportId", outerExportId);
      restore("runId", outerRunId);
    }
  }

  /** Puts back what the host had in the MDC under {@code key}. */
  private static void restore(String key, @Nullable String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }

  private ExportPlan plan(ExportDefinition definition) {
    List<Violation> violations = new ArrayList<>();
    return ExportPlan.resolve(definition, directory, violations)
        .orElseThrow(() -> new InvalidDefinitionException(violations));
  }

  /** Creates the output stages into {@code stages} and returns the delivered file's name. */
  private String name(Export export, ExportRun run, ExportPlan plan, FileNameTemplate template, String formatExt,
      List<OutputStage> stages) throws IOException {
    ExportDefinition d = export.definition();
    String operation = plan.operations().size() == 1 ? plan.operations().get(0).id() : "all";
    List<String> stageIds = new ArrayList<>();
    if (!d.compression().equals("none")) {
      stageIds.add(d.compression());
    }
    if (d.encryption() != null) {
      stageIds.add("openpgp");
    }
    String ext = formatExt;
    String name = render(template, d, operation, run, ext);
    for (String id : stageIds) {
      OutputStage stage = providers.outputStage(id).create(new StageContext(d, name, secrets));
      stages.add(stage);
      ext = stage.replacesExtension() ? stage.extension() : ext + "." + stage.extension();
      name = render(template, d, operation, run, ext);
    }
    return name;
  }

  private static String render(FileNameTemplate template, ExportDefinition d, String operation, ExportRun run, String ext) {
    Instant at = run.occurrence() != null ? run.occurrence() : run.startedAt();
    return template.render(new FileNameTemplate.Values(d.name(), operation, at, d.zone(), run.id(), run.sequence(), ext));
  }

  private void copyRows(ExportPlan plan, FormatWriter writer, Progress progress, DeliveredBytes delivered) throws IOException {
    int width = plan.schema().size();
    try (Stream<ParticipantRecord> rows = openSource(plan)) {
      Iterator<ParticipantRecord> it = rows.iterator();
      while (true) {
        ParticipantRecord record;
        try {
          if (!it.hasNext()) {
            break;
          }
          record = it.next();
        } catch (RuntimeException e) {
          throw new SourceException("the participant source failed after " + progress.rows + " rows: " + e.getMessage(), e);
        }
        if (record.size() != width) {
          throw new SourceException("the participant source returned a row of " + record.size() + " values for "
              + width + " fields " + plan.query().fields() + " (row " + (progress.rows + 1) + ")", null);
        }
        progress.checkNotStopped();
        writer.write(plan.conform(record));
        if (++progress.rows % progressInterval == 0) {
          listeners.rowsWritten(new RowsWrittenEvent(progress.exportId, progress.runId, progress.rows, delivered.count()));
        }
      }
    }
  }

  private Stream<ParticipantRecord> openSource(ExportPlan plan) {
    try {
      return source.open(plan.query());
    } catch (RuntimeException e) {
      throw new SourceException("the participant source could not be opened: " + e.getMessage(), e);
    }
  }

  /** A step of the transport: its I/O failures are delivery failures. */
  private interface TransportStep<T> {
    T call() throws IOException;
  }

  private static <T> T delivering(Destination destination, TransportStep<T> step) {
    try {
      return step.call();
    } catch (IOException e) {
      throw deliveryFailure(destination, e);
    } catch (ExportException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      // A client library's unchecked failure (e.g. a credentials check), or its classes failing to
      // load (a dependency missing from the host's classpath), is still the transport's.
      throw deliveryFailure(destination, e);
    }
  }

  /** The run's message names the destination once, whether or not the transport's message names it too. */
  private static DeliveryException deliveryFailure(Destination destination, Throwable e) {
    URI target = destination.uri();
    String message = messageOf(e);
    String prefix = target + ": ";
    if (message.startsWith(prefix)) {
      message = message.substring(prefix.length());
    }
    return new DeliveryException(destination.scheme(), target, message.contains(target.toString())
        ? "delivery failed: " + message : "delivery to " + target + " failed: " + message, e);
  }

  /**
   * Turns whatever failed into the exception the run records, with a message that says what to
   * fix. The message is the run's error and goes to the log: control characters a server put in
   * its reply are escaped here, once for both.
   */
  private static ExportException classify(ExportDefinition d, Destination destination, ExportRun run, Throwable e) {
    String prefix = "Export '" + d.name() + "' run " + run.id() + ": ";
    Throwable failure = e instanceof DeliveredBytes.TransportIOException t
        ? deliveryFailure(destination, (IOException) t.getCause()) : e;
    if (failure instanceof DeliveryException de) {
      return new DeliveryException(de.transportId(), de.target(), prefix + ControlCharacters.escape(de.getMessage()),
          de.getCause());
    }
    if (failure instanceof SourceException) {
      return new SourceException(prefix + ControlCharacters.escape(failure.getMessage()), failure.getCause());
    }
    if (failure instanceof ExportException) {
      return new ExportException(prefix + ControlCharacters.escape(failure.getMessage()), failure);
    }
    if (failure instanceof OutOfMemoryError) {
      return new ExportException(prefix + "ran out of memory; the source or a provider holds rows it should stream", failure);
    }
    if (failure instanceof Error) {
      return new ExportException(prefix + "failed: " + ControlCharacters.escape(messageOf(failure)), failure);
    }
    return new FormatException(prefix + "writing the " + d.format().id() + " file failed: "
        + ControlCharacters.escape(messageOf(failure)), failure);
  }

  private static String messageOf(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof java.net.UnknownHostException unknown) {
        // Client libraries often report only the host name; say what it means.
        return "cannot resolve the host " + unknown.getMessage() + "; check the destination's host name or the network";
      }
    }
    String message = e.getMessage();
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      message = fse.getFile() + ": " + fse.getReason();
    }
    if (e instanceof LinkageError) {
      // Its message is a bare class name: say what it means.
      return e + "; a class it needs is missing or incompatible: check the dependencies of its artifact on the"
          + " classpath";
    }
    if (e instanceof Error) {
      return message == null ? e.getClass().getName() : e.getClass().getName() + ": " + message;
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }

  /** {@code run} with {@code key → value} added to its details. */
  private static ExportRun withDetail(ExportRun run, String key, String value) {
    Map<String, String> details = new TreeMap<>(run.details());
    details.put(key, value);
    return new ExportRun(run.id(), run.exportId(), run.exportVersion(), run.sequence(), run.occurrence(),
        run.startedAt(), run.endedAt(), run.outcome(), run.rows(), run.bytes(), run.sha256(), run.fileName(),
        run.location(), run.error(), details);
  }

  /** Rows written so far by one run, and whether it was asked to stop. */
  private static final class Progress {
    final String exportId;
    final String runId;
    long rows;
    volatile @Nullable String stopReason;

    Progress(String exportId, String runId) {
      this.exportId = exportId;
      this.runId = runId;
    }

    /** Throws once {@link ExportRunner#stop} asked this run to stop; the upload is then aborted. */
    void checkNotStopped() {
      String reason = stopReason;
      if (reason != null) {
        throw new RunStoppedException(reason, rows);
      }
    }
  }

  /** A run ended by {@link ExportRunner#stop}. */
  private static final class RunStoppedException extends ExportException {
    final String reason;

    RunStoppedException(String reason, long rows) {
      super("stopped after " + rows + " rows (" + reason + "); nothing was delivered, the upload was aborted", null);
      this.reason = reason;
    }
  }

}
