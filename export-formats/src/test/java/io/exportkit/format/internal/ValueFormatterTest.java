package io.exportkit.format.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exportkit.FieldType;
import io.exportkit.FormatException;
import io.exportkit.spi.Column;
import io.exportkit.spi.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ValueFormatterTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final Instant MAY_DAY = Instant.parse("2026-05-01T08:15:30Z");

  private static @Nullable String format(FieldType type, @Nullable String pattern, Object value) {
    return format(type, pattern, PARIS, value);
  }

  private static @Nullable String format(FieldType type, @Nullable String pattern, ZoneId zone, Object value) {
    Schema schema = new Schema(List.of(new Column("c", "C", type, pattern)), zone);
    return ValueFormatter.of(schema).format(0, value);
  }

  static Stream<Arguments> defaults() {
    return Stream.of(
        Arguments.of(FieldType.STRING, "Zoë 😀", "Zoë 😀"),
        Arguments.of(FieldType.STRING, new StringBuilder("built"), "built"),
        Arguments.of(FieldType.INTEGER, 42L, "42"),
        Arguments.of(FieldType.INTEGER, -7, "-7"),
        Arguments.of(FieldType.INTEGER, new BigInteger("123456789012345678901234567890"), "123456789012345678901234567890"),
        Arguments.of(FieldType.INTEGER, 42.0d, "42"),
        Arguments.of(FieldType.INTEGER, new BigDecimal("1E+3"), "1000"),
        Arguments.of(FieldType.DECIMAL, new BigDecimal("1.50"), "1.50"),
        Arguments.of(FieldType.DECIMAL, new BigDecimal("1.2345E+3"), "1234.5"),
        Arguments.of(FieldType.DECIMAL, new BigDecimal("-1E-7"), "-0.0000001"),
        Arguments.of(FieldType.DECIMAL, 0.1d, "0.1"),
        Arguments.of(FieldType.DECIMAL, 1e10d, "10000000000"),
        Arguments.of(FieldType.DECIMAL, 2.5f, "2.5"),
        Arguments.of(FieldType.DECIMAL, 12L, "12"),
        Arguments.of(FieldType.BOOLEAN, true, "true"),
        Arguments.of(FieldType.BOOLEAN, false, "false"),
        Arguments.of(FieldType.DATE, LocalDate.of(2000, 2, 29), "2000-02-29"),
        Arguments.of(FieldType.DATE_TIME, MAY_DAY, "2026-05-01T10:15:30+02:00"),
        Arguments.of(FieldType.DATE_TIME, Instant.parse("2026-01-15T08:15:30.250Z"), "2026-01-15T09:15:30.25+01:00"),
        Arguments.of(FieldType.DATE_TIME, OffsetDateTime.parse("2026-05-01T03:15:30-05:00"), "2026-05-01T10:15:30+02:00"));
  }

  @ParameterizedTest
  @MethodSource("defaults")
  void formatsEachTypeByDefault(FieldType type, Object value, String text) {
    String formatted = format(type, null, value);

    assertThat(formatted).isEqualTo(text);
  }

  @ParameterizedTest
  @EnumSource(FieldType.class)
  void leavesNullsToTheWriter(FieldType type) {
    Schema schema = new Schema(List.of(new Column("c", "C", type, null)), PARIS);

    String formatted = ValueFormatter.of(schema).format(0, null);

    assertThat(formatted).isNull();
  }

  @Test
  void writesUtcDateTimesWithZ() {
    String formatted = format(FieldType.DATE_TIME, null, ZoneOffset.UTC, MAY_DAY);

    assertThat(formatted).isEqualTo("2026-05-01T08:15:30Z");
  }

  static Stream<Arguments> patterns() {
    return Stream.of(
        Arguments.of(FieldType.DATE, "dd/MM/yyyy", LocalDate.of(2026, 5, 1), "01/05/2026"),
        Arguments.of(FieldType.DATE, "d MMMM yyyy", LocalDate.of(2026, 5, 1), "1 May 2026"),
        Arguments.of(FieldType.DATE_TIME, "yyyy-MM-dd HH:mm", MAY_DAY, "2026-05-01 10:15"),
        Arguments.of(FieldType.DATE_TIME, "HH:mm VV", MAY_DAY, "10:15 Europe/Paris"),
        Arguments.of(FieldType.DECIMAL, "#,##0.00", new BigDecimal("1234.565"), "1,234.57"),
        Arguments.of(FieldType.DECIMAL, "0.0", 2.25d, "2.3"),
        Arguments.of(FieldType.INTEGER, "000000", 42L, "000042"));
  }

  @ParameterizedTest
  @MethodSource("patterns")
  void formatsWithTheColumnPatternInTheSchemaZoneAndRootLocale(FieldType type, String pattern, Object value,
      String text) {
    String formatted = format(type, pattern, value);

    assertThat(formatted).isEqualTo(text);
  }

  static Stream<Arguments> invalidPatterns() {
    return Stream.of(
        Arguments.of(FieldType.DATE, "yyyy-MM-dd {", "column 'c' (DATE) has an invalid pattern \"yyyy-MM-dd {\": "),
        Arguments.of(FieldType.DATE, "yyyy-MM-dd HH:mm", "column 'c' (DATE) has an invalid pattern \"yyyy-MM-dd HH:mm\": "),
        Arguments.of(FieldType.DATE_TIME, "bogus", "column 'c' (DATE_TIME) has an invalid pattern \"bogus\": "),
        Arguments.of(FieldType.DECIMAL, "#,##0.00;;x", "column 'c' (DECIMAL) has an invalid pattern \"#,##0.00;;x\": "),
        Arguments.of(FieldType.STRING, "upper", "column 'c' (STRING) has the pattern \"upper\", but only DATE,"
            + " DATE_TIME, INTEGER and DECIMAL columns take one"),
        Arguments.of(FieldType.BOOLEAN, "yes/no", "column 'c' (BOOLEAN) has the pattern \"yes/no\", but only DATE,"
            + " DATE_TIME, INTEGER and DECIMAL columns take one"));
  }

  @ParameterizedTest
  @MethodSource("invalidPatterns")
  void rejectsAnInvalidPatternWhenBuiltNamingTheColumn(FieldType type, String pattern, String message) {
    Schema schema = new Schema(List.of(new Column("c", "C", type, pattern)), PARIS);

    assertThatIllegalArgumentException().isThrownBy(() -> ValueFormatter.of(schema))
        .withMessageStartingWith(message);
  }

  @ParameterizedTest
  @MethodSource("invalidPatterns")
  void problemsReportsWhatOfWouldReject(FieldType type, String pattern, String message) {
    Schema schema = new Schema(List.of(new Column("c", "C", type, pattern)), PARIS);

    List<String> problems = ValueFormatter.problems(schema);

    assertThat(problems).singleElement().asString().startsWith(message);
  }

  @Test
  void problemsIsEmptyWhenEveryColumnCanBeFormatted() {
    Schema schema = new Schema(List.of(new Column("a", "A", FieldType.DATE, "dd/MM/yyyy"),
        new Column("b", "B", FieldType.DECIMAL, "#,##0.00"), new Column("c", "C", FieldType.STRING, null)), PARIS);

    assertThat(ValueFormatter.problems(schema)).isEmpty();
  }

  static Stream<Arguments> mismatches() {
    return Stream.of(
        Arguments.of(FieldType.STRING, 987654, "column 'c' (STRING) cannot hold this java.lang.Integer: it takes a String"),
        Arguments.of(FieldType.INTEGER, 987.5d, "column 'c' (INTEGER) cannot hold this java.lang.Double: it takes a whole Number"),
        Arguments.of(FieldType.INTEGER, "987654", "column 'c' (INTEGER) cannot hold this java.lang.String: it takes a whole Number"),
        Arguments.of(FieldType.DECIMAL, Double.NaN, "column 'c' (DECIMAL) cannot hold this java.lang.Double: it takes a finite Number"),
        Arguments.of(FieldType.BOOLEAN, "true", "column 'c' (BOOLEAN) cannot hold this java.lang.String: it takes a Boolean"),
        Arguments.of(FieldType.DATE, MAY_DAY, "column 'c' (DATE) cannot hold this java.time.Instant: it takes a LocalDate"),
        Arguments.of(FieldType.DATE_TIME, LocalDateTime.of(2026, 5, 1, 10, 15), "column 'c' (DATE_TIME) cannot hold this"
            + " java.time.LocalDateTime: it takes an Instant, or a date-time with an offset"));
  }

  @ParameterizedTest
  @MethodSource("mismatches")
  void rejectsAValueOfAnotherTypeNamingTheColumnButNotTheValue(FieldType type, Object value, String message) {
    assertThatThrownBy(() -> format(type, null, value))
        .isInstanceOf(FormatException.class)
        .hasMessage(message);
  }

  @Test
  void rejectsNonFiniteNumbersWithAPatternToo() {
    assertThatThrownBy(() -> format(FieldType.DECIMAL, "0.00", Double.POSITIVE_INFINITY))
        .isInstanceOf(FormatException.class);
  }
}
