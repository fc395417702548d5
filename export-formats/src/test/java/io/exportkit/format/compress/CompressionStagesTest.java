package io.exportkit.format.compress;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.Destination;
import io.exportkit.Entitlements;
import io.exportkit.Export;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportRun;
import io.exportkit.ExportService;
import io.exportkit.ExportType;
import io.exportkit.FieldDefinition;
import io.exportkit.FieldScope;
import io.exportkit.FieldType;
import io.exportkit.GameKind;
import io.exportkit.Operation;
import io.exportkit.SecretResolver;
import io.exportkit.spi.OutputStage;
import io.exportkit.spi.OutputStageProvider;
import io.exportkit.spi.StageContext;
import io.exportkit.testing.InMemoryOperationDirectory;
import io.exportkit.testing.InMemoryParticipantSource;
import io.exportkit.testing.InMemoryTransport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The gzip and zip stages, alone and through a whole export run. */
class CompressionStagesTest {

  private static final Operation SUMMER = new Operation("summer", "Summer instant win", GameKind.INSTANT_WIN,
      Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-08-31T22:00:00Z"), List.of(
          new FieldDefinition("id", "Id", FieldType.STRING, FieldScope.PARTICIPANT),
          new FieldDefinition("email", "E-mail", FieldType.STRING, FieldScope.PARTICIPANT)));

  private final InMemoryTransport transport = new InMemoryTransport();

  @Test
  void serviceLoaderFindsBothStages() {
    List<String> ids = ServiceLoader.load(OutputStageProvider.class).stream()
        .map(provider -> provider.get().id()).toList();

    assertThat(ids).contains("gzip", "zip");
  }

  @Nested
  class Gzip {

    @Test
    void appendsGzToTheExtension() throws IOException {
      OutputStage stage = new GzipStageProvider().create(context("winners.csv"));

      assertThat(stage.extension()).isEqualTo("gz");
      assertThat(stage.replacesExtension()).isFalse();
    }

    @Test
    void closingWritesTheTrailerAndClosesTheStreamBelow() throws IOException {
      ClosingRecorder downstream = new ClosingRecorder();
      byte[] text = ParallelGzipOutputStreamTest.text(1_000_000);

      try (OutputStream out = new GzipStageProvider().create(context("winners.csv")).wrap(downstream)) {
        out.write(text);
      }

      assertThat(downstream.closed).isTrue();
      assertThat(ParallelGzipOutputStreamTest.gunzip(downstream.toByteArray())).isEqualTo(text);
    }

    @Test
    void anExportIsDeliveredAsCsvGzHoldingTheCsvFile() throws IOException {
      ExportRun plain = run("none");

      ExportRun gzipped = run("gzip");

      assertThat(gzipped.succeeded()).as(gzipped.error()).isTrue();
      assertThat(gzipped.fileName()).isEqualTo("winners.csv.gz");
      byte[] delivered = transport.deliveries().get(1).bytes();
      assertThat(gzipped.bytes()).isEqualTo(delivered.length);
      assertThat(new String(ParallelGzipOutputStreamTest.gunzip(delivered), StandardCharsets.UTF_8))
          .isEqualTo(transport.deliveries().get(0).text())
          .startsWith("Id,E-mail\r\np1,ann@example.org\r\n");
      assertThat(plain.fileName()).isEqualTo("winners.csv");
    }
  }

  @Nested
  class Zip {

    @Test
    void replacesTheExtensionWithZip() {
      OutputStage stage = new ZipStageProvider().create(context("winners.csv"));

      assertThat(stage.extension()).isEqualTo("zip");
      assertThat(stage.replacesExtension()).isTrue();
    }

    @Test
    void anExportIsDeliveredAsAZipHoldingTheCsvFileAsItsOneEntry() throws IOException {
      ExportRun plain = run("none");

      ExportRun zipped = run("zip");

      assertThat(zipped.succeeded()).as(zipped.error()).isTrue();
      assertThat(zipped.fileName()).isEqualTo("winners.zip");
      try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(transport.deliveries().get(1).bytes()))) {
        ZipEntry entry = zip.getNextEntry();
        assertThat(entry.getName()).isEqualTo(plain.fileName());
        assertThat(new String(zip.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(transport.deliveries().get(0).text());
        assertThat(zip.getNextEntry()).isNull();
      }
    }

    @Test
    void namesTheEntryInUtf8() throws IOException {
      ByteArrayOutputStream archive = new ByteArrayOutputStream();

      try (OutputStream out = new ZipStageProvider().create(context("gagnants-été.csv")).wrap(archive)) {
        out.write("a,b\r\n".getBytes(StandardCharsets.UTF_8));
      }

      try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive.toByteArray()))) {
        assertThat(zip.getNextEntry().getName()).isEqualTo("gagnants-été.csv");
      }
    }
  }

  /** Runs a rapid export of {@link #SUMMER} named {@code winners}, compressed by {@code compression}. */
  private ExportRun run(String compression) {
    ExportService exports = ExportService.builder()
        .participantSource(InMemoryParticipantSource.of("summer",
            Map.of("id", "p1", "email", "ann@example.org"), Map.of("id", "p2", "email", "bob@example.org")))
        .operationDirectory(InMemoryOperationDirectory.of(SUMMER))
        .entitlements(Entitlements.ALL)
        .transport(transport)
        .discoverProviders()
        .build();
    Export export = exports.create(definition(compression));
    return exports.publish(export.id()).lastRun();
  }

  private static ExportDefinition definition(String compression) {
    return ExportDefinition.builder()
        .name("winners")
        .type(ExportType.RAPID)
        .operation("summer")
        .compression(compression)
        .naming("{export}.{ext}")
        .destination(Destination.of("memory:out").withOverwrite(true))
        .build();
  }

  private static StageContext context(String innerFileName) {
    return new StageContext(definition("none"), innerFileName, SecretResolver.NONE);
  }

  private static final class ClosingRecorder extends ByteArrayOutputStream {
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }
}
