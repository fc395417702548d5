package io.exportkit.testing;

import io.exportkit.Operation;
import io.exportkit.OperationDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link OperationDirectory} over a fixed set of operations that a test can change, e.g. to move
 * an operation's end date:
 *
 * <pre>{@code
 * InMemoryOperationDirectory operations = InMemoryOperationDirectory.of(summer);
 * operations.put(new Operation(summer.id(), summer.name(), summer.kind(), summer.start(), newEnd, summer.fields()));
 * }</pre>
 *
 * <p>Thread-safe. {@link #list()} keeps the order in which operations were first added.
 */
public final class InMemoryOperationDirectory implements OperationDirectory {
  private final Map<String, Operation> operations = new LinkedHashMap<>();

  private InMemoryOperationDirectory() {
  }

  /**
   * A directory holding {@code operations}.
   *
   * @throws IllegalArgumentException when two operations share an id
   */
  public static InMemoryOperationDirectory of(Operation... operations) {
    InMemoryOperationDirectory directory = new InMemoryOperationDirectory();
    for (Operation operation : operations) {
      if (directory.find(operation.id()).isPresent()) {
        throw new IllegalArgumentException("two operations have the id '" + operation.id() + "'");
      }
      directory.put(operation);
    }
    return directory;
  }

  /** Adds {@code operation}, or replaces the one with its id, keeping that one's place in {@link #list()}. */
  public synchronized void put(Operation operation) {
    Objects.requireNonNull(operation, "operation");
    operations.put(operation.id(), operation);
  }

  @Override
  public synchronized Optional<Operation> find(String operationId) {
    return Optional.ofNullable(operations.get(Objects.requireNonNull(operationId, "operationId")));
  }

  @Override
  public synchronized List<Operation> list() {
    return List.copyOf(operations.values());
  }
}
