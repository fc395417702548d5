package io.exportkit;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An export as stored: its definition and where it stands. Changed only through
 * {@link ExportService}; every change yields a new value with {@link #version()} one higher.
 *
 * @param id unique id
 * @param version optimistic-lock version, 1 when created
 * @param status lifecycle status
 * @param favorite whether the customer marked it
 * @param definition what the export is
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param nextFireAt when its trigger fires next; {@code null} when nothing is due
 * @param lastRun its latest run, or {@code null}
 */
public record Export(
    String id,
    long version,
    ExportStatus status,
    boolean favorite,
    ExportDefinition definition,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant nextFireAt,
    @Nullable ExportRun lastRun) {

  public Export {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (version < 1) {
      throw new IllegalArgumentException("version starts at 1: " + version);
    }
  }

  /** The export's name, from its definition. */
  public String name() {
    return definition.name();
  }
}
