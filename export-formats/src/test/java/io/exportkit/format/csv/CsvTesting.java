package io.exportkit.format.csv;

import io.exportkit.FieldType;
import io.exportkit.FormatSpec;
import io.exportkit.ParticipantRecord;
import io.exportkit.format.RoundTripData;
import io.exportkit.spi.Column;
import io.exportkit.spi.FormatWriter;
import io.exportkit.spi.Schema;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Writes small files with the provider under test, and makes the rows of the round-trip tests. */
final class CsvTesting {

  private CsvTesting() {}

  /**
   * The generated rows of the round-trip tests of every format ({@link RoundTripData}), as values in
   * {@link RoundTripData#SCHEMA}'s column order.
   */
  static List<@Nullable Object[]> roundTripRows() {
    List<@Nullable Object[]> rows = new ArrayList<>();
    for (ParticipantRecord record : RoundTripData.records(RoundTripData.texts(2_000))) {
      @Nullable Object[] row = new Object[record.size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = record.get(i);
      }
      rows.add(row);
    }
    return rows;
  }

  /** The records holding {@code rows}. */
  static List<ParticipantRecord> records(List<@Nullable Object[]> rows) {
    return rows.stream().map(ParticipantRecord::of).toList();
  }

  /** A schema of STRING columns with these labels, named after them in lower case. */
  static Schema strings(String... labels) {
    return new Schema(Arrays.stream(labels).map(l -> new Column(l.toLowerCase(), l, FieldType.STRING, null)).toList(),
        ZoneOffset.UTC);
  }

  /** The bytes, as UTF-8 text, of a file of {@code records}. */
  static String write(FormatSpec spec, Schema schema, ParticipantRecord... records) throws IOException {
    return write(spec, schema, List.of(records)).text();
  }

  static CloseRecordingOutputStream write(FormatSpec spec, Schema schema, List<ParticipantRecord> records)
      throws IOException {
    CloseRecordingOutputStream out = new CloseRecordingOutputStream();
    FormatWriter writer = new CsvFormatWriterProvider().open(out, schema, spec);
    for (ParticipantRecord record : records) {
      writer.write(record);
    }
    writer.finish();
    return out;
  }
}
