package io.exportkit.format.csv;

import io.exportkit.FormatSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CSV options of a {@link FormatSpec}, parsed. Immutable and thread-safe.
 *
 * @param delimiter the character between values
 * @param header whether the first row holds the column labels
 * @param recordSeparator what ends each row: CRLF or LF
 * @param nullText what a null value is written as, unquoted
 * @param neutraliseFormulas whether text cells that a spreadsheet would run as a formula get a
 *     leading {@code '}
 */
record CsvOptions(char delimiter, boolean header, String recordSeparator, String nullText, boolean neutraliseFormulas) {

  static final String DELIMITER = "delimiter";
  static final String HEADER = "header";
  static final String LINE_ENDING = "lineEnding";
  static final String NULL_TEXT = "nullText";
  static final List<String> KNOWN = List.of(DELIMITER, HEADER, LINE_ENDING, NULL_TEXT, FormatSpec.NEUTRALISE_FORMULAS);

  /**
   * The options of {@code spec}.
   *
   * @throws IllegalArgumentException listing what {@link #problems} finds
   */
  static CsvOptions of(FormatSpec spec) {
    List<String> problems = new ArrayList<>();
    CsvOptions options = parse(spec, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid csv options: " + String.join("; ", problems));
    }
    return options;
  }

  /** What is wrong with {@code spec}'s options, one message per problem; empty when they are fine. */
  static List<String> problems(FormatSpec spec) {
    List<String> problems = new ArrayList<>();
    parse(spec, problems);
    return List.copyOf(problems);
  }

  /** Parses {@code spec}'s options, adding a message to {@code problems} for each invalid one. */
  private static CsvOptions parse(FormatSpec spec, List<String> problems) {
    Map<String, String> options = new TreeMap<>(spec.options());

    String delimiterText = options.getOrDefault(DELIMITER, ",");
    char delimiter = ',';
    if (delimiterText.length() == 1 && "\"\r\n".indexOf(delimiterText.charAt(0)) < 0) {
      delimiter = delimiterText.charAt(0);
    } else {
      problems.add("option '" + DELIMITER + "' accepts a single character other than a double quote, CR or LF,"
          + " such as ';' or a tab; got \"" + delimiterText + "\"");
    }

    boolean header = bool(options, HEADER, problems);

    String lineEnding = options.getOrDefault(LINE_ENDING, "crlf");
    String recordSeparator = "\r\n";
    if (lineEnding.equalsIgnoreCase("lf")) {
      recordSeparator = "\n";
    } else if (!lineEnding.equalsIgnoreCase("crlf")) {
      problems.add("option '" + LINE_ENDING + "' accepts crlf or lf; got \"" + lineEnding + "\"");
    }

    // Commons CSV writes the null string as is, never quoted.
    String nullText = options.getOrDefault(NULL_TEXT, "");
    if (nullText.indexOf(delimiter) >= 0 || nullText.indexOf('"') >= 0 || nullText.indexOf('\r') >= 0
        || nullText.indexOf('\n') >= 0) {
      problems.add("option '" + NULL_TEXT + "' accepts text without the delimiter, a double quote, CR or LF,"
          + " because it is written unquoted; got \"" + nullText + "\"");
      nullText = "";
    }

    boolean neutraliseFormulas = bool(options, FormatSpec.NEUTRALISE_FORMULAS, problems);

    for (String key : options.keySet()) {
      if (!KNOWN.contains(key)) {
        problems.add("unknown option '" + key + "'; the csv format accepts " + String.join(", ", KNOWN));
      }
    }
    return new CsvOptions(delimiter, header, recordSeparator, nullText, neutraliseFormulas);
  }

  /** A true/false option whose default is true. */
  private static boolean bool(Map<String, String> options, String key, List<String> problems) {
    String value = options.getOrDefault(key, "true");
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    problems.add("option '" + key + "' accepts true or false; got \"" + value + "\"");
    return true;
  }
}
