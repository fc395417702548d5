package io.exportkit.format.csv;

import io.exportkit.FieldType;
import io.exportkit.ParticipantRecord;
import io.exportkit.format.internal.Formulas;
import io.exportkit.format.internal.ValueFormatter;
import io.exportkit.spi.Column;
import io.exportkit.spi.FormatWriter;
import io.exportkit.spi.Schema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/** Writes one CSV file through Commons CSV's {@link CSVPrinter}. Not thread-safe. */
final class CsvFormatWriter implements FormatWriter {

  private final Writer writer;
  private final CSVPrinter printer;
  private final ValueFormatter values;
  /** Per column: whether its cells are text to neutralise. */
  private final boolean[] neutralise;
  /** The current row's cells, reused from row to row. */
  private final @Nullable String[] cells;
  private boolean finished;

  private CsvFormatWriter(Writer writer, CSVPrinter printer, ValueFormatter values, boolean[] neutralise) {
    this.writer = writer;
    this.printer = printer;
    this.values = values;
    this.neutralise = neutralise;
    this.cells = new String[neutralise.length];
  }

  /** Opens a writer and writes the header row, if asked for. */
  static CsvFormatWriter open(OutputStream out, Schema schema, CsvOptions options) throws IOException {
    ValueFormatter values = ValueFormatter.of(schema);
    List<Column> columns = schema.columns();
    boolean[] neutralise = new boolean[columns.size()];
    for (int i = 0; i < neutralise.length; i++) {
      neutralise[i] = options.neutraliseFormulas() && columns.get(i).type() == FieldType.STRING;
    }
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    CSVPrinter printer = new CSVPrinter(writer, csvFormat(schema, options));
    return new CsvFormatWriter(writer, printer, values, neutralise);
  }

  private static CSVFormat csvFormat(Schema schema, CsvOptions options) {
    CSVFormat.Builder format = CSVFormat.RFC4180.builder()
        .setDelimiter(options.delimiter())
        .setRecordSeparator(options.recordSeparator())
        .setNullString(options.nullText());
    if (options.header()) {
      format.setHeader(schema.labels().stream()
          .map(label -> options.neutraliseFormulas() ? Formulas.neutralise(label) : label)
          .toArray(String[]::new));
    }
    return format.get();
  }

  @Override
  public void write(ParticipantRecord record) throws IOException {
    Objects.requireNonNull(record, "record");
    if (finished) {
      throw new IllegalStateException("write() after finish()");
    }
    if (record.size() != cells.length) {
      throw new IllegalArgumentException("the record has " + record.size() + " values for " + cells.length
          + " columns");
    }
    // Formats the whole row first, so that a value that fails leaves no half row in the file.
    for (int i = 0; i < cells.length; i++) {
      String text = values.format(i, record.get(i));
      cells[i] = text != null && neutralise[i] ? Formulas.neutralise(text) : text;
    }
    // print() per cell then println(), as printRecord() does, without the list and stream it builds per row.
    for (String cell : cells) {
      printer.print(cell);
    }
    printer.println();
  }

  @Override
  public void finish() throws IOException {
    finished = true;
    // Not printer.close(): it closes the writer, and so the opener's stream.
    writer.flush();
  }
}
