package io.exportkit.format.internal;

/**
 * CSV injection neutralisation (OWASP): a spreadsheet runs a cell that starts with {@code =},
 * {@code +}, {@code -}, {@code @}, TAB or CR as a formula, so such text gets a leading single quote,
 * which spreadsheets read as "this is text" and do not display.
 *
 * <p>Text that already starts with one or more quotes followed by one of those characters
 * ({@code '=x}) gets one more, so that the change can always be undone: a reader removes one
 * leading {@code '} from a text cell that starts with one or more {@code '} followed by a formula
 * character, and gets back exactly what was exported.
 */
public final class Formulas {

  private Formulas() {}

  /**
   * Whether {@code text} gets a leading quote: a spreadsheet could take it for a formula, or it
   * looks like text that was given one (quotes, then a formula character).
   */
  private static boolean isFormulaLike(String text) {
    int start = 0;
    while (start < text.length() && text.charAt(start) == '\'') {
      start++;
    }
    if (start == text.length()) {
      return false;
    }
    char first = text.charAt(start);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
  }

  /** {@code text} with a leading {@code '} when {@linkplain #isFormulaLike it needs one}, else {@code text} itself. */
  public static String neutralise(String text) {
    return isFormulaLike(text) ? "'" + text : text;
  }
}
