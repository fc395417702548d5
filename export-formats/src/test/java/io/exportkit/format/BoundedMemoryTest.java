package io.exportkit.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.Destination;
import io.exportkit.Entitlements;
import io.exportkit.Export;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportRun;
import io.exportkit.ExportService;
import io.exportkit.ExportType;
import io.exportkit.FormatSpec;
import io.exportkit.spi.FormatWriterProvider;
import io.exportkit.testing.InMemoryOperationDirectory;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ten million rows of twelve fields, in every format the class path provides and compressed, go
 * through a whole export run to a sink that only counts, in a JVM of 64 MiB of heap: the export
 * streams, whatever its size. Run by its own Surefire execution ({@code bounded-memory} in this
 * module's pom), which gives it that heap; the default execution leaves it out.
 */
class BoundedMemoryTest {

  private static final long ROWS = 10_000_000;
  private static final long HEAP_LIMIT = 64L * 1024 * 1024;

  @BeforeAll
  static void runsInASmallHeap() {
    assertThat(Runtime.getRuntime().maxMemory()).as("max heap; run with -Xmx64m").isLessThanOrEqualTo(HEAP_LIMIT);
  }

  /** Every format found through ServiceLoader, uncompressed, and CSV through each compression stage. */
  static Stream<Arguments> exports() {
    Stream<Arguments> formats = ServiceLoader.load(FormatWriterProvider.class).stream()
        .map(provider -> provider.get().id()).sorted()
        .map(format -> Arguments.of(format, "none"));
    return Stream.concat(formats, Stream.of(Arguments.of("csv", "gzip")));
  }

  @ParameterizedTest(name = "{0}, compression {1}")
  @MethodSource("exports")
  void tenMillionRowsExportInA64MibHeap(String format, String compression) {
    DiscardingTransport sink = new DiscardingTransport();
    ExportService exports = ExportService.builder()
        .participantSource(new GeneratedParticipants(ROWS))
        .operationDirectory(InMemoryOperationDirectory.of(GeneratedParticipants.OPERATION))
        .entitlements(Entitlements.ALL)
        .transport(sink)
        .progressInterval(ROWS)
        .discoverProviders()
        .build();
    Export export = exports.create(ExportDefinition.builder()
        .name("big")
        .type(ExportType.RAPID)
        .operation(GeneratedParticipants.OPERATION.id())
        .format(FormatSpec.of(format))
        .compression(compression)
        .destination(Destination.of(DiscardingTransport.ID + ":/sink/"))
        .build());

    ExportRun run = exports.publish(export.id()).lastRun();

    assertThat(run.succeeded()).as("%s", run.error()).isTrue();
    assertThat(run.rows()).isEqualTo(ROWS);
    assertThat(run.bytes()).isEqualTo(sink.lastFileBytes()).isGreaterThan(ROWS);
  }
}
