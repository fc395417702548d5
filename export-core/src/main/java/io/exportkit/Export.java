package io.exportkit;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An export as stored: its definition and where it stands. Changed only through
 * {@link ExportService}; every change yields a new value with {@link #version()} one higher. A
 * store keeps every component, {@link #definitionVersion()} included.
 *
 * @param id unique id
 * @param version optimistic-lock version, 1 when created; every change raises it by one
 * @param definitionVersion the {@code version} at which the definition was last set (by create or
 *     update); changes that leave the definition alone (favorite, publish, runs) keep it, so an
 *     editor's save based on any version from here on is not a conflict, see
 *     {@link ExportService#update}
 * @param status lifecycle status
 * @param favorite whether the customer marked it
 * @param definition what the export is
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param publishedAt when it was last published; {@code null} if never
 * @param nextFireAt when its trigger fires next; {@code null} when nothing is due
 * @param lease the hold of a scheduler on the occurrence being fired; {@code null} unless a
 *     scheduler fires it (only ever {@link ExportStatus#IN_PROGRESS})
 * @param lastRun its latest ended run, or {@code null}
 */
public record Export(
    String id,
    long version,
    long definitionVersion,
    ExportStatus status,
    boolean favorite,
    ExportDefinition definition,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant publishedAt,
    @Nullable Instant nextFireAt,
    @Nullable Lease lease,
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
    if (definitionVersion < 1 || definitionVersion > version) {
      throw new IllegalArgumentException("definitionVersion must be from 1 to the version " + version + ": "
          + definitionVersion);
    }
    if (lease != null && status != ExportStatus.IN_PROGRESS) {
      throw new IllegalArgumentException("only an IN_PROGRESS export holds a lease, not a " + status + " one");
    }
  }

  /** The export's name, from its definition. */
  public String name() {
    return definition.name();
  }

  /**
   * When a scheduler has something to do with this export: the next fire time of a Scheduled
   * export; the lease's expiry of an In progress one that a scheduler fires (its scheduler stopped,
   * or a retry is due); {@code null} otherwise. Stores index exports by it for
   * {@link ExportStore#due}.
   */
  public @Nullable Instant dueAt() {
    return switch (status) {
      case SCHEDULED -> nextFireAt;
      case IN_PROGRESS -> lease == null ? null : lease.expiresAt();
      case DRAFT, CLOSED -> null;
    };
  }

  /**
   * A scheduler's hold on one occurrence of an export, taken by a compare-and-set on the store so
   * that one scheduler of a cluster fires it; see {@link ExportService#claim}.
   *
   * @param occurrence the trigger occurrence being fired: its scheduled instant
   * @param attempt 1 for the occurrence's first attempt, 2 for the next…
   * @param owner the scheduler running the attempt; {@code null} while the occurrence waits for a
   *     retry
   * @param expiresAt when the hold ends unless renewed; from then on, any scheduler may claim the
   *     occurrence again (a retry that is due, or a run whose scheduler stopped)
   */
  public record Lease(Instant occurrence, int attempt, @Nullable String owner, Instant expiresAt) {
    public Lease {
      Objects.requireNonNull(occurrence, "occurrence");
      Objects.requireNonNull(expiresAt, "expiresAt");
      if (attempt < 1) {
        throw new IllegalArgumentException("attempt starts at 1: " + attempt);
      }
    }
  }
}
