package io.exportkit.benchmarks.formats;

import io.exportkit.Destination;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportRun;
import io.exportkit.ExportType;
import io.exportkit.FormatSpec;
import io.exportkit.ParticipantRecord;
import io.exportkit.SecretResolver;
import io.exportkit.format.compress.GzipStageProvider;
import io.exportkit.format.csv.CsvFormatWriterProvider;
import io.exportkit.spi.Column;
import io.exportkit.spi.FormatWriter;
import io.exportkit.spi.Schema;
import io.exportkit.spi.StageContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * gzip at level 6 of the CSV file of the rows, written in 64 KiB chunks: the JDK's single-threaded
 * {@link GZIPOutputStream} against our block-parallel stage, and the whole pipeline with it. A
 * score is rows per second; MB/s is that times {@link #csv}'s bytes per row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Rows.COUNT)
public class GzipBenchmarks {

  private static final int CHUNK = 64 * 1024;

  /** The CSV file of the rows, as the csv format writes it. */
  private byte[] csv;

  @Setup(Level.Trial)
  public void render(Rows rows) throws IOException {
    Schema schema = new Schema(Rows.QUIZ.fields().stream()
        .map(f -> new Column(f.name(), f.label(), f.type(), null)).toList(), ZoneOffset.UTC);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    FormatWriter writer = new CsvFormatWriterProvider().open(file, schema, FormatSpec.of("csv"));
    for (ParticipantRecord record : rows.records) {
      writer.write(record);
    }
    writer.finish();
    csv = file.toByteArray();
    System.out.printf("%n[gzip input: %d bytes, %.1f bytes per row]%n", csv.length, (double) csv.length / Rows.COUNT);
  }

  @Benchmark
  public void gzipOutputStream() throws IOException {
    try (OutputStream out = new GZIPOutputStream(OutputStream.nullOutputStream(), CHUNK)) {
      write(out);
    }
  }

  @Benchmark
  public void parallelGzipStage() throws IOException {
    ExportDefinition definition = ExportDefinition.builder().name("bench").type(ExportType.RAPID)
        .operation(Rows.QUIZ.id()).destination(Destination.of("null:/out/")).build();
    StageContext context = new StageContext(definition, "bench.csv", SecretResolver.NONE);
    try (OutputStream out = new GzipStageProvider().create(context).wrap(OutputStream.nullOutputStream())) {
      write(out);
    }
  }

  @Benchmark
  public ExportRun csvGzipPipeline(Pipelines pipelines) {
    return pipelines.csvGzip();
  }

  private void write(OutputStream out) throws IOException {
    for (int off = 0; off < csv.length; off += CHUNK) {
      out.write(csv, off, Math.min(CHUNK, csv.length - off));
    }
  }
}
