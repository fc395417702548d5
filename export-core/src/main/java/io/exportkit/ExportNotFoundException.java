package io.exportkit;

/** No export has the given id (never created, or deleted). */
public class ExportNotFoundException extends ExportException {
  private static final long serialVersionUID = 1L;

  private final String exportId;

  public ExportNotFoundException(String exportId) {
    super("No export with id '" + exportId + "': it was never created or has been deleted");
    this.exportId = exportId;
  }

  public String exportId() {
    return exportId;
  }
}
