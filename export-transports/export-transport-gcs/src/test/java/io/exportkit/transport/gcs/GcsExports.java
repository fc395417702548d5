package io.exportkit.transport.gcs;

import io.exportkit.Destination;
import io.exportkit.Entitlements;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportService;
import io.exportkit.ExportType;
import io.exportkit.FieldDefinition;
import io.exportkit.FieldScope;
import io.exportkit.FieldType;
import io.exportkit.GameKind;
import io.exportkit.Operation;
import io.exportkit.SecretResolver;
import io.exportkit.spi.TransportProvider;
import io.exportkit.testing.InMemoryOperationDirectory;
import io.exportkit.testing.InMemoryParticipantSource;
import io.exportkit.testing.LinesFormat;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An export service as a host builds it, delivering one participant as the lines {@code Id\np1\n}. */
final class GcsExports {
  private static final Operation SUMMER = new Operation("summer", "Summer instant win", GameKind.INSTANT_WIN,
      Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-08-31T22:00:00Z"), List.of(
          new FieldDefinition("id", "Id", FieldType.STRING, FieldScope.PARTICIPANT)));

  private GcsExports() {}

  static ExportService service(TransportProvider transport, SecretResolver secrets) {
    return ExportService.builder()
        .participantSource(InMemoryParticipantSource.builder().operation(SUMMER.id())
            .participation(Map.of("id", "p1", "participated_at", Instant.parse("2026-05-02T10:00:00Z"))).build())
        .operationDirectory(InMemoryOperationDirectory.of(SUMMER))
        .entitlements(Entitlements.ALL)
        .format(new LinesFormat())
        .secretResolver(secrets)
        .transport(transport)
        .build();
  }

  /** A rapid export named {@code name}, delivered as {@code name.lines} to {@code destination}. */
  static ExportDefinition.Builder export(String name, Destination destination) {
    return ExportDefinition.builder().name(name).type(ExportType.RAPID).operation(SUMMER.id()).format(LinesFormat.ID)
        .naming("{export}.{ext}").destination(destination);
  }
}
