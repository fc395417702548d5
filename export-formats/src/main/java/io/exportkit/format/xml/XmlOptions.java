package io.exportkit.format.xml;

import io.exportkit.FormatSpec;
import io.exportkit.format.internal.Options;

/**
 * The XML options of a {@link FormatSpec}, parsed. Immutable and thread-safe.
 *
 * @param rootElement the name of the element that holds the records
 * @param rowElement the name of each record's element
 * @param invalidChars what becomes of characters that XML 1.0 does not allow
 */
record XmlOptions(String rootElement, String rowElement, InvalidChars invalidChars) {

  static final String ROOT_ELEMENT = "rootElement";
  static final String ROW_ELEMENT = "rowElement";
  static final String INVALID_CHARS = "invalidChars";

  /** What becomes of a character that XML 1.0 does not allow. */
  enum InvalidChars {
    /** Each is written as U+FFFD, the replacement character. */
    REPLACE,
    /** The record fails with a {@link io.exportkit.FormatException}, and so does the export. */
    REJECT
  }

  /** Reads the options; {@link Options#parse} and {@link Options#problems} run it. */
  static XmlOptions read(Options options) {
    return new XmlOptions(name(options, ROOT_ELEMENT, "participants"), name(options, ROW_ELEMENT, "participant"),
        options.choice(INVALID_CHARS, InvalidChars.REPLACE));
  }

  private static String name(Options options, String key, String fallback) {
    String name = options.text(key, fallback);
    if (XmlNames.isValid(name)) {
      return name;
    }
    options.problem(key, "an XML name: letters, digits, '_', '-' and '.', starting with a letter or '_'"
        + " but not with 'xml', such as " + fallback, name);
    return fallback;
  }
}
