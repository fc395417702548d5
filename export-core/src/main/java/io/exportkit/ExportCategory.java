package io.exportkit;

/** The categories of the export list (from the product description). */
public enum ExportCategory {
  ALL,
  IN_PROGRESS,
  SCHEDULED,
  DRAFT,
  CLOSED,
  FAVORITES;

  /** Whether {@code export} is listed under this category. */
  public boolean includes(Export export) {
    return switch (this) {
      case ALL -> true;
      case IN_PROGRESS -> export.status() == ExportStatus.IN_PROGRESS;
      case SCHEDULED -> export.status() == ExportStatus.SCHEDULED;
      case DRAFT -> export.status() == ExportStatus.DRAFT;
      case CLOSED -> export.status() == ExportStatus.CLOSED;
      case FAVORITES -> export.favorite();
    };
  }
}
