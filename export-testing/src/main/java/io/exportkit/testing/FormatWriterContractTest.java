package io.exportkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.FieldType;
import io.exportkit.FormatSpec;
import io.exportkit.ParticipantRecord;
import io.exportkit.spi.Column;
import io.exportkit.spi.FormatWriter;
import io.exportkit.spi.FormatWriterProvider;
import io.exportkit.spi.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link FormatWriterProvider} keeps, as an abstract JUnit 5 test: what is written
 * reads back the same, {@link FormatWriter#finish()} flushes but never closes the stream, an export
 * without rows is still a well-formed file, and {@code null} values survive. A format's test
 * extends it and supplies an independent parser:
 *
 * <pre>{@code
 * class CsvFormatWriterContractTest extends FormatWriterContractTest {
 *   protected FormatWriterProvider provider() { return new CsvFormatWriterProvider(); }
 *   protected List<List<String>> parse(byte[] file, Schema schema) throws Exception {
 *     // read it back with a CSV parser that is not the one under test
 *   }
 * }
 * }</pre>
 *
 * <p>The values used are plain (letters, digits, spaces, a few non-ASCII letters; no delimiter,
 * quote, line break or formula sign), so that every format writes them as they are.
 */
public abstract class FormatWriterContractTest {

  /** The schema written in every check: an integer and two text columns. */
  protected static final Schema SCHEMA = new Schema(List.of(
      new Column("id", "Id", FieldType.INTEGER, null),
      new Column("name", "Name", FieldType.STRING, null),
      new Column("city", "City", FieldType.STRING, null)), ZoneOffset.UTC);

  /** The format under test. */
  protected abstract FormatWriterProvider provider();

  /**
   * Reads {@code file} back, without the writer under test. Returns the column labels first, then
   * one list per record with its values as text, in column order; a value the file marks as absent
   * (an empty CSV cell, a JSON {@code null}, a missing XML element) is {@code null}. A format that
   * writes labels with each record rather than in a header returns the labels of the first record,
   * or {@code schema.labels()} when there is no record.
   */
  protected abstract List<List<@Nullable String>> parse(byte[] file, Schema schema) throws Exception;

  /** The format options the checks write with; the provider's defaults unless overridden. */
  protected FormatSpec format() {
    return FormatSpec.of(provider().id());
  }

  @Nested
  @DisplayName("provider")
  class Provider {

    @Test
    void idIsAStableLowerCaseExtension() {
      assertThat(provider().id()).matches("[a-z0-9][a-z0-9-]*");
    }

    @Test
    void mediaTypeIsNamed() {
      assertThat(provider().mediaType()).matches("[a-z]+/[a-zA-Z0-9.+-]+.*");
    }

    @Test
    void theOptionsUsedAreValid() {
      assertThat(provider().validate(format())).isEmpty();
    }

    @Test
    void theOptionsUsedAreValidForTheColumnsWritten() {
      assertThat(provider().validate(format(), SCHEMA)).isEmpty();
    }
  }

  @Nested
  @DisplayName("round trip")
  class RoundTrip {

    @Test
    void headerAndRowsReadBackAsWritten() throws Exception {
      List<ParticipantRecord> records = List.of(
          ParticipantRecord.of(1L, "Ann Smith", "Paris"),
          ParticipantRecord.of(2L, "Zoë Brontë", "Málaga"),
          ParticipantRecord.of(3L, "Jürgen", "Köln"));

      byte[] file = write(records);

      assertThat(parse(file, SCHEMA)).containsExactly(
          List.of("Id", "Name", "City"),
          List.of("1", "Ann Smith", "Paris"),
          List.of("2", "Zoë Brontë", "Málaga"),
          List.of("3", "Jürgen", "Köln"));
    }

    @Test
    void nullValuesReadBackAsAbsent() throws Exception {
      List<ParticipantRecord> records = List.of(ParticipantRecord.of(1L, null, "Paris"));

      byte[] file = write(records);

      assertThat(parse(file, SCHEMA)).containsExactly(List.of("Id", "Name", "City"), Arrays.asList("1", null, "Paris"));
    }

    @Test
    void anExportWithoutRowsHoldsOnlyTheLabels() throws Exception {
      byte[] file = write(List.of());

      assertThat(parse(file, SCHEMA)).containsExactly(List.of("Id", "Name", "City"));
    }

    @Test
    void manyRowsReadBackInOrder() throws Exception {
      List<ParticipantRecord> records = new ArrayList<>();
      for (long id = 1; id <= 10_000; id++) {
        records.add(ParticipantRecord.of(id, "name " + id, "city " + id));
      }

      List<List<@Nullable String>> rows = parse(write(records), SCHEMA);

      assertThat(rows).hasSize(10_001);
      assertThat(rows.get(10_000)).containsExactly("10000", "name 10000", "city 10000");
    }
  }

  @Nested
  @DisplayName("stream ownership")
  class StreamOwnership {

    @Test
    void finishFlushesButDoesNotCloseTheStream() throws Exception {
      CloseRecordingStream out = new CloseRecordingStream();
      FormatWriter writer = provider().open(out, SCHEMA, format());
      writer.write(ParticipantRecord.of(1L, "Ann", "Paris"));

      writer.finish();

      assertThat(out.closed).as("closed by finish()").isFalse();
      assertThat(parse(out.toByteArray(), SCHEMA)).as("flushed by finish()").hasSize(2);
    }
  }

  private byte[] write(List<ParticipantRecord> records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FormatWriter writer = provider().open(out, SCHEMA, format());
    for (ParticipantRecord record : records) {
      writer.write(record);
    }
    writer.finish();
    return out.toByteArray();
  }

  private static final class CloseRecordingStream extends ByteArrayOutputStream {
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }
}
