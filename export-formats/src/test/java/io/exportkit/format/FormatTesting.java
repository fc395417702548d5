package io.exportkit.format;

import io.exportkit.FieldType;
import io.exportkit.FormatSpec;
import io.exportkit.ParticipantRecord;
import io.exportkit.spi.Column;
import io.exportkit.spi.FormatWriter;
import io.exportkit.spi.FormatWriterProvider;
import io.exportkit.spi.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** Writes files with a provider under test. */
public final class FormatTesting {

  /** A column of each type, in Paris time. */
  public static final Schema TYPED = new Schema(List.of(
      new Column("name", "Name", FieldType.STRING, null),
      new Column("score", "Score", FieldType.INTEGER, null),
      new Column("ratio", "Ratio", FieldType.DECIMAL, null),
      new Column("active", "Active", FieldType.BOOLEAN, null),
      new Column("born", "Born", FieldType.DATE, null),
      new Column("seen", "Seen", FieldType.DATE_TIME, null)), ZoneId.of("Europe/Paris"));

  /** A record of {@link #TYPED}: seen at 10:15:30 in Paris. */
  public static final ParticipantRecord ANN = ParticipantRecord.of("Ann", 3L, new BigDecimal("-1.50"), true,
      LocalDate.of(2000, 2, 29), Instant.parse("2026-05-01T08:15:30Z"));

  private FormatTesting() {}

  /** A schema of STRING columns with these labels, named after them in lower case, in UTC. */
  public static Schema strings(String... labels) {
    return new Schema(Arrays.stream(labels).map(l -> new Column(l.toLowerCase(), l, FieldType.STRING, null)).toList(),
        ZoneOffset.UTC);
  }

  /** The bytes of a file of {@code records}. */
  public static byte[] write(FormatWriterProvider provider, FormatSpec spec, Schema schema,
      List<ParticipantRecord> records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FormatWriter writer = provider.open(out, schema, spec);
    for (ParticipantRecord record : records) {
      writer.write(record);
    }
    writer.finish();
    return out.toByteArray();
  }

  /**
   * The documented reader rule of formula neutralisation, written here apart from the writers: one
   * leading {@code '} is removed from text that starts with one or more {@code '} followed by
   * {@code =}, {@code +}, {@code -}, {@code @}, tab or CR; other text is left as it is.
   */
  public static String unneutralised(String cell) {
    int quotes = 0;
    while (quotes < cell.length() && cell.charAt(quotes) == '\'') {
      quotes++;
    }
    boolean neutralised = quotes > 0 && quotes < cell.length() && "=+-@\t\r".indexOf(cell.charAt(quotes)) >= 0;
    return neutralised ? cell.substring(1) : cell;
  }

  /** The text, decoded from UTF-8, of a file of {@code records}. */
  public static String text(FormatWriterProvider provider, FormatSpec spec, Schema schema,
      ParticipantRecord... records) throws IOException {
    return new String(write(provider, spec, schema, List.of(records)), StandardCharsets.UTF_8);
  }
}
