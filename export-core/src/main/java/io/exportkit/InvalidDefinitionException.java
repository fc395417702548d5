package io.exportkit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An export definition breaks one or more rules. Carries every violation found, not only the
 * first, so a form can show them all at once. Thrown by {@link ExportDefinition.Builder#build()}
 * for the rules it can check alone, and by {@link ExportService} for those that need the host
 * (the operation exists, its fields, its kind of game, the account's entitlements).
 */
public class InvalidDefinitionException extends ExportException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  public InvalidDefinitionException(List<Violation> violations) {
    super(describe(violations));
    this.violations = List.copyOf(violations);
  }

  /** Every violation, in the order the checks found them. */
  public List<Violation> violations() {
    return violations;
  }

  private static String describe(List<Violation> violations) {
    return "Invalid export definition (" + violations.size() + (violations.size() == 1 ? " problem" : " problems") + "): "
        + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }
}
