package io.exportkit.format.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.exportkit.ParticipantRecord;
import io.exportkit.format.internal.Cells;
import io.exportkit.format.internal.UniqueNames;
import io.exportkit.format.json.JsonOptions.Layout;
import io.exportkit.spi.Column;
import io.exportkit.spi.FormatWriter;
import io.exportkit.spi.Schema;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Writes one JSON file through Jackson's streaming {@link JsonGenerator}. Not thread-safe. */
final class JsonFormatWriter implements FormatWriter {

  /**
   * Thread-safe once built. Writers never close the stream they are given, and write supplementary
   * characters such as emoji as UTF-8, not as escaped surrogate pairs.
   */
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();

  /** How a column's text is written. */
  private enum Kind { STRING, NUMBER, BOOLEAN }

  private final JsonGenerator generator;
  private final Layout layout;
  private final Cells cells;
  private final SerializedString[] keys;
  private final Kind[] kinds;

  private JsonFormatWriter(JsonGenerator generator, Layout layout, Cells cells, SerializedString[] keys, Kind[] kinds) {
    this.generator = generator;
    this.layout = layout;
    this.cells = cells;
    this.keys = keys;
    this.kinds = kinds;
  }

  /** Opens a writer and, for an array, writes its opening bracket. */
  static JsonFormatWriter open(OutputStream out, Schema schema, JsonOptions options) throws IOException {
    Cells cells = Cells.of(schema, false);
    List<String> labels = UniqueNames.of(schema.labels());
    SerializedString[] keys = labels.stream().map(SerializedString::new).toArray(SerializedString[]::new);
    Kind[] kinds = schema.columns().stream().map(JsonFormatWriter::kind).toArray(Kind[]::new);
    JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    generator.setPrettyPrinter(new OneRecordPerLine());
    if (options.layout() == Layout.ARRAY) {
      generator.writeStartArray();
    }
    return new JsonFormatWriter(generator, options.layout(), cells, keys, kinds);
  }

  /** Numbers and booleans keep their JSON type unless a pattern made them display text. */
  private static Kind kind(Column column) {
    return switch (column.type()) {
      case INTEGER, DECIMAL -> column.pattern() == null ? Kind.NUMBER : Kind.STRING;
      case BOOLEAN -> Kind.BOOLEAN;
      case STRING, DATE, DATE_TIME -> Kind.STRING;
    };
  }

  @Override
  public void write(ParticipantRecord record) throws IOException {
    String[] texts = cells.format(record);
    generator.writeStartObject();
    for (int i = 0; i < texts.length; i++) {
      generator.writeFieldName(keys[i]);
      String text = texts[i];
      if (text == null) {
        generator.writeNull();
      } else {
        switch (kinds[i]) {
          // The formatter wrote the number in plain notation, as JSON wants it.
          case NUMBER -> generator.writeNumber(text);
          case BOOLEAN -> generator.writeBoolean(text.equals("true"));
          case STRING -> generator.writeString(text);
        }
      }
    }
    generator.writeEndObject();
    if (layout == Layout.NDJSON) {
      generator.writeRaw('\n');
    }
  }

  @Override
  public void finish() throws IOException {
    if (!cells.finish()) {
      return;
    }
    if (layout == Layout.ARRAY) {
      generator.writeEndArray();
      generator.writeRaw('\n');
    }
    // Flushes and frees the generator's buffers; AUTO_CLOSE_TARGET is off, so the stream stays open.
    generator.close();
  }

  /** {@code [}, then one object per line, then {@code ]}; compact within an object. */
  private static final class OneRecordPerLine extends MinimalPrettyPrinter {
    private static final long serialVersionUID = 1L;

    OneRecordPerLine() {
      super("");
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      g.writeRaw('\n');
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(",\n");
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      g.writeRaw(values > 0 ? "\n]" : "]");
    }
  }
}
