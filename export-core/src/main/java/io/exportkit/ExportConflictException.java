package io.exportkit;

/**
 * The export changed since the caller read it: the version the caller based its change on is no
 * longer the stored one. Re-read the export and apply the change again.
 */
public class ExportConflictException extends ExportException {
  private static final long serialVersionUID = 1L;

  private final String exportId;
  private final long expectedVersion;
  private final long actualVersion;

  public ExportConflictException(String exportId, long expectedVersion, long actualVersion) {
    super("Export '" + exportId + "' was changed concurrently: expected version " + expectedVersion
        + " but it is at version " + actualVersion + "; re-read it and try again");
    this.exportId = exportId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  public String exportId() {
    return exportId;
  }

  public long expectedVersion() {
    return expectedVersion;
  }

  public long actualVersion() {
    return actualVersion;
  }
}
