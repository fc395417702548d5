package io.exportkit.benchmarks.formats;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.exportkit.ExportRun;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.transform.DelimitedLineAggregator;
import org.springframework.core.io.FileSystemResource;

/**
 * Each format through our whole pipeline ({@code ExportService} → writer → {@code null:}
 * transport) against the bare library writing the same rows to a null stream. A score is rows per
 * second; with {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes allocated per row.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Rows.COUNT)
public class FormatBenchmarks {

  private static final int BUFFER = 64 * 1024;

  @Benchmark
  public ExportRun csvPipeline(Pipelines pipelines) {
    return pipelines.csv();
  }

  /** Commons CSV as its documentation shows it: one {@code printRecord} per row. */
  @Benchmark
  public void csvPrinter(Rows rows) throws IOException {
    try (CSVPrinter printer = new CSVPrinter(writer(), CSVFormat.RFC4180.builder().setHeader(Rows.LABELS).get())) {
      for (@Nullable Object[] row : rows.values) {
        printer.printRecord(row);
      }
    }
  }

  /** Spring Batch's writer with a comma-delimited line aggregator, 1,000 rows per chunk, into /dev/null. */
  @Benchmark
  public void flatFileItemWriter(Rows rows) throws Exception {
    Path dir = Files.createTempDirectory("flat-file");
    // A link to /dev/null, so that whatever the writer does to its file touches only the link.
    Path sink = Files.createSymbolicLink(dir.resolve("sink.csv"), new File("/dev/null").toPath());
    try {
      DelimitedLineAggregator<@Nullable Object[]> aggregator = new DelimitedLineAggregator<>();
      FlatFileItemWriter<@Nullable Object[]> writer = new FlatFileItemWriter<>(new FileSystemResource(sink), aggregator);
      writer.setAppendAllowed(true);
      writer.setShouldDeleteIfExists(false);
      writer.setTransactional(false);
      writer.setSaveState(false);
      writer.setHeaderCallback(header -> header.write(String.join(",", Rows.LABELS)));
      writer.afterPropertiesSet();
      writer.open(new ExecutionContext());
      for (int from = 0; from < rows.values.length; from += 1_000) {
        writer.write(new Chunk<>(Arrays.asList(rows.values).subList(from, Math.min(from + 1_000, rows.values.length))));
      }
      writer.close();
    } finally {
      Files.delete(sink);
      Files.delete(dir);
    }
  }

  @Benchmark
  public ExportRun jsonPipeline(Pipelines pipelines) {
    return pipelines.json();
  }

  /** Jackson's streaming generator: an array of objects keyed by label, typed values, ISO-8601 dates. */
  @Benchmark
  public void jsonGenerator(Rows rows) throws IOException {
    try (JsonGenerator json = new JsonFactory().createGenerator(OutputStream.nullOutputStream(), JsonEncoding.UTF8)) {
      json.writeStartArray();
      for (@Nullable Object[] row : rows.values) {
        json.writeStartObject();
        for (int i = 0; i < row.length; i++) {
          json.writeFieldName(Rows.LABELS[i]);
          Object value = row[i];
          if (value == null) {
            json.writeNull();
          } else if (value instanceof Long number) {
            json.writeNumber(number);
          } else if (value instanceof BigDecimal number) {
            json.writeNumber(number);
          } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
          } else {
            json.writeString(value.toString());
          }
        }
        json.writeEndObject();
      }
      json.writeEndArray();
    }
  }

  @Benchmark
  public ExportRun xmlPipeline(Pipelines pipelines) {
    return pipelines.xml();
  }

  /** The JDK's StAX writer: one element per row, one child element per field, named after it. */
  @Benchmark
  public void staxWriter(Rows rows) throws XMLStreamException {
    XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory()
        .createXMLStreamWriter(OutputStream.nullOutputStream(), "UTF-8");
    xml.writeStartDocument("UTF-8", "1.0");
    xml.writeStartElement("participants");
    for (@Nullable Object[] row : rows.values) {
      xml.writeStartElement("participant");
      for (int i = 0; i < row.length; i++) {
        if (row[i] != null) {
          xml.writeStartElement(Rows.NAMES[i]);
          xml.writeCharacters(row[i].toString());
          xml.writeEndElement();
        }
      }
      xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    xml.close();
  }

  @Benchmark
  public ExportRun txtPipeline(Pipelines pipelines) {
    return pipelines.txt();
  }

  private static BufferedWriter writer() {
    return new BufferedWriter(new OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8), BUFFER);
  }
}
