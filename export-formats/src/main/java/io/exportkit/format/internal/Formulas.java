package io.exportkit.format.internal;

/**
 * CSV injection neutralisation (OWASP): a spreadsheet runs a cell that starts with {@code =},
 * {@code +}, {@code -}, {@code @}, TAB or CR as a formula, so such text gets a leading single quote,
 * which spreadsheets read as "this is text" and do not display.
 */
public final class Formulas {

  private Formulas() {}

  /** Whether a spreadsheet could take {@code text} for a formula. */
  public static boolean isFormulaLike(String text) {
    if (text.isEmpty()) {
      return false;
    }
    char first = text.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
  }

  /** {@code text} with a leading {@code '} when it could be taken for a formula, else {@code text} itself. */
  public static String neutralise(String text) {
    return isFormulaLike(text) ? "'" + text : text;
  }
}
