package io.exportkit.scheduling;

import io.exportkit.Destination;
import io.exportkit.Entitlements;
import io.exportkit.Export;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportField;
import io.exportkit.ExportService;
import io.exportkit.ExportStore;
import io.exportkit.ExportType;
import io.exportkit.FieldDefinition;
import io.exportkit.FieldScope;
import io.exportkit.FieldType;
import io.exportkit.GameKind;
import io.exportkit.Operation;
import io.exportkit.Trigger;
import io.exportkit.testing.InMemoryOperationDirectory;
import io.exportkit.testing.InMemoryParticipantSource;
import io.exportkit.testing.InMemoryTransport;
import io.exportkit.testing.LinesFormat;
import io.exportkit.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * A cluster under test: one shared store, clock, operation directory and destination
 * ({@code memory:out}), and nodes that each build their own service and scheduler over them.
 */
final class SchedulingFixture {
  /** A Monday. */
  static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
  static final Duration LEASE = Duration.ofMinutes(5);

  static final Operation GAME = new Operation("game", "Spring game", GameKind.INSTANT_WIN,
      START.minus(Duration.ofDays(30)), START.plus(Duration.ofDays(400)),
      List.of(new FieldDefinition("id", "Id", FieldType.STRING, FieldScope.PARTICIPANT)));

  private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

  final MutableClock clock = MutableClock.at(START);
  final ExportStore store = ExportStore.inMemory();
  final InMemoryOperationDirectory directory = InMemoryOperationDirectory.of(GAME);
  final InMemoryTransport transport = new InMemoryTransport();

  /** A node named {@code owner}. */
  Node node(String owner) {
    return new Node(owner);
  }

  /** A custom export of {@link #GAME} to {@code memory:out}, its files named after their occurrence in UTC. */
  static ExportDefinition.Builder export(String name, Trigger trigger) {
    return ExportDefinition.builder()
        .name(name)
        .type(ExportType.CUSTOM)
        .operation(GAME.id())
        .fields(ExportField.of("id"))
        .format(LinesFormat.ID)
        .naming("{export}_{datetime:yyyyMMdd-HHmm}.{ext}")
        .destination(Destination.of("memory:out"))
        .trigger(trigger);
  }

  /** The file an occurrence of export {@code name} delivers. */
  static String fileName(String name, Instant occurrence) {
    return name + "_" + NAME_TIME.format(occurrence) + "." + LinesFormat.ID;
  }

  /** One node of the cluster: its own service and scheduler over the shared parts. */
  final class Node {
    final String owner;
    final ScriptedSource source = new ScriptedSource(InMemoryParticipantSource.of(GAME.id(),
        Map.of("id", "p1"), Map.of("id", "p2"), Map.of("id", "p3")));
    final ObservedStore store = new ObservedStore(SchedulingFixture.this.store);
    final ExportService exports;

    private Node(String owner) {
      this.owner = owner;
      exports = ExportService.builder()
          .participantSource(source)
          .operationDirectory(directory)
          .store(store)
          .clock(clock)
          .entitlements(Entitlements.ALL)
          .format(new LinesFormat())
          .transport(transport)
          .discoverProviders()
          .build();
    }

    /** A scheduler of this node that runs its runs inside {@link ExportScheduler#tick()}. */
    ExportScheduler.Builder schedulerBuilder() {
      return ExportScheduler.builder(exports)
          .owner(owner)
          .clock(clock)
          .executor(Runnable::run)
          .pollInterval(Duration.ofMinutes(1))
          .lease(LEASE)
          .retry(3, Duration.ofMinutes(10))
          .misfireThreshold(Duration.ofMinutes(5));
    }

    ExportScheduler scheduler() {
      return schedulerBuilder().build();
    }

    /** Creates and publishes an export. */
    Export publish(ExportDefinition definition) {
      return exports.publish(exports.create(definition).id());
    }
  }
}
