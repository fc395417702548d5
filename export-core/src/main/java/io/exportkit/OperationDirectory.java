package io.exportkit;

import java.util.List;
import java.util.Optional;

/**
 * Host SPI: the operations of the account. Consulted when an export is created, updated,
 * published and run, so it always reflects the host's current data (a moved end date, a new
 * field). Implementations must be thread-safe.
 */
public interface OperationDirectory {

  /** The operation with this id, or empty when the account has none. */
  Optional<Operation> find(String operationId);

  /** Every operation of the account, in a stable order. */
  List<Operation> list();
}
