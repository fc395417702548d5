package io.exportkit.format;

import io.exportkit.FieldType;
import io.exportkit.ParticipantRecord;
import io.exportkit.spi.Column;
import io.exportkit.spi.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Generated rows for the round-trip tests of every format: text that writers get wrong (quotes,
 * delimiters, CR/LF, tabs, backslashes, formula signs, emoji, XML-forbidden characters, lone
 * surrogates, very long values, empty and null) in a schema with a column of each type.
 */
public final class RoundTripData {

  /** One column of each type; some labels need work to become XML names. */
  public static final Schema SCHEMA = new Schema(List.of(
      new Column("id", "Id", FieldType.INTEGER, null),
      new Column("name", "Name", FieldType.STRING, null),
      new Column("comment", "Comment", FieldType.STRING, null),
      new Column("balance", "-Balance", FieldType.DECIMAL, null),
      new Column("winner", "Winner?", FieldType.BOOLEAN, null),
      new Column("born", "Born on", FieldType.DATE, null),
      new Column("played", "Played at", FieldType.DATE_TIME, null)), ZoneId.of("Europe/Paris"));

  /** The characters XML 1.0 forbids, lone surrogates included. */
  public static final List<String> XML_FORBIDDEN = List.of("\u0000", "\u0001", "\u0008", "\u000b", "\u000c",
      "\u001b", "\u001f", "\ufffe", "\uffff", "\ud83d", "\ude00");

  private static final List<String> FRAGMENTS = List.of("\"", "'", ",", ";", "\t", "\r\n", "\n", "\r", "\\", "\\t",
      "=", "+", "-", "@", " ", "<", ">", "&", "]]>", "&amp;", "a", "Zoë", "ß", "中文", "Ελληνικά", "😀", "𝄞",
      "👩‍👩‍👧", "=SUM(A1:A9)", "@cmd", "\u00a0", "\u0000", "\u0001", "\u001f", "\ufffe", "\ud83d");

  private RoundTripData() {}

  /** Hand-picked texts, then {@code generated} random combinations of fragments, with nulls. */
  public static List<@Nullable String> texts(int generated) {
    List<@Nullable String> texts = new ArrayList<>(List.of("", " ", "plain", "\"quoted\"", "a,b", "a;b", "a\tb",
        "line\r\nbreak", "line\nfeed", "carriage\rreturn", "\ttab", "back\\slash", "\\t not a tab", "trailing ",
        " leading", "=1+1", "+33 6 12", "-12", "@SUM(A1)", "\r=cr", "'=already",
        "'+33 6 12", "''=twice", "'", "'plain", "😀 emoji", "𝄞 clef", "naïve café", "<tag attr=\"x\">&amp;</tag>",
        "nul\u0000char", "bell\u0007", "lone \ud83d high", "lone \ude00 low", "not a char \uffff"));
    texts.add(null);
    texts.add(longText());
    Random random = new Random(20260501);
    for (int i = 0; i < generated; i++) {
      if (random.nextInt(10) == 0) {
        texts.add(null);
        continue;
      }
      StringBuilder text = new StringBuilder();
      int parts = 1 + random.nextInt(6);
      for (int p = 0; p < parts; p++) {
        text.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
      }
      texts.add(text.toString());
    }
    return texts;
  }

  /** About 100 KB of mixed text: quotes, tabs, line breaks, backslashes, supplementary characters. */
  public static String longText() {
    StringBuilder text = new StringBuilder("=");
    while (text.length() < 100_000) {
      text.append("Zoë \"😀\",\tline\r\n;\\𝄞 <&>");
    }
    return text.toString();
  }

  /** One record per text, of {@link #SCHEMA}, with nulls in every column now and then. */
  public static List<ParticipantRecord> records(List<@Nullable String> texts) {
    List<ParticipantRecord> records = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      Long id = i % 13 == 0 ? null : (long) i - 500;
      BigDecimal balance = i % 11 == 0 ? null : new BigDecimal("-" + i + ".50");
      Boolean winner = i % 17 == 0 ? null : i % 3 == 0;
      LocalDate born = i % 19 == 0 ? null : LocalDate.of(1990, 1, 1).plusDays(i);
      Instant played = i % 23 == 0 ? null : Instant.parse("2026-03-29T00:30:00Z").plusSeconds(i * 977L);
      records.add(ParticipantRecord.of(id, texts.get(i), texts.get((i * 7 + 3) % texts.size()), balance, winner, born,
          played));
    }
    return records;
  }

  /**
   * The text a writer is expected to give a value of {@link #SCHEMA} without a pattern, worked out
   * here rather than by the writers' formatter: plain numbers, ISO-8601 dates, date-times with the
   * zone's offset.
   */
  public static @Nullable String text(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Instant instant) {
      return OffsetDateTime.ofInstant(instant, SCHEMA.zone()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
    return value.toString();
  }

  /** Each value of {@code record} as {@link #text} gives it. */
  public static List<@Nullable String> texts(ParticipantRecord record) {
    List<@Nullable String> texts = new ArrayList<>();
    for (int i = 0; i < record.size(); i++) {
      texts.add(text(record.get(i)));
    }
    return texts;
  }
}
