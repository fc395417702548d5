package io.exportkit;

/**
 * Host SPI: which paid options the account has. Thread-safe.
 */
@FunctionalInterface
public interface Entitlements {

  /** Every option allowed. */
  Entitlements ALL = type -> true;

  /** Custom exports refused: the default, since the product sells them as a paid option. */
  Entitlements STANDARD = type -> type != ExportType.CUSTOM;

  /**
   * Whether the account may create and run exports of {@code type}. Asked when an export is
   * created, updated and published, and again at every run (by hand, on publish, or fired by a
   * scheduler): a run of a type no longer allowed fails, delivering nothing, and the export keeps
   * its schedule, so it runs again once the option is back.
   */
  boolean allows(ExportType type);
}
