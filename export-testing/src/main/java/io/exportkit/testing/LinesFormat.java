package io.exportkit.testing;

import io.exportkit.FormatSpec;
import io.exportkit.ParticipantRecord;
import io.exportkit.spi.FormatWriter;
import io.exportkit.spi.FormatWriterProvider;
import io.exportkit.spi.Schema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A format for tests, id {@value #ID}: a line of the column labels, then one line per record with
 * its values joined by ',' ({@code null} as nothing), without quoting. It lets a module's tests run
 * exports without export-formats:
 *
 * <pre>{@code
 * ExportService exports = ExportService.builder()
 *     .format(new LinesFormat())   // registered by hand: it is not discovered
 *     ...
 *     .build();
 * ExportDefinition definition = ExportDefinition.builder().format(LinesFormat.ID)...build();
 * }</pre>
 *
 * <p>Deliberately not registered in {@code META-INF/services}. Stateless and thread-safe.
 */
public final class LinesFormat implements FormatWriterProvider {

  /** The format id, and the extension of its files. */
  public static final String ID = "lines";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String mediaType() {
    return "text/plain";
  }

  @Override
  public List<String> validate(FormatSpec format) {
    return List.of();
  }

  @Override
  public FormatWriter open(OutputStream out, Schema schema, FormatSpec format) throws IOException {
    writeLine(out, schema.labels());
    return new FormatWriter() {
      @Override
      public void write(ParticipantRecord record) throws IOException {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < record.size(); i++) {
          Object value = record.get(i);
          values.add(value == null ? "" : value.toString());
        }
        writeLine(out, values);
      }

      @Override
      public void finish() throws IOException {
        out.flush();
      }
    };
  }

  private static void writeLine(OutputStream out, List<String> values) throws IOException {
    out.write((String.join(",", values) + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
