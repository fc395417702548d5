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

  /** Whether the account may create and run exports of {@code type}. */
  boolean allows(ExportType type);
}
