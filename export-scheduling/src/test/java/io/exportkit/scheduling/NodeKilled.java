package io.exportkit.scheduling;

/**
 * Stands for the death of a node's process in the middle of what it was doing: a
 * {@link VirtualMachineError}, the one kind of throwable that no code of the library handles (a run
 * ends failed whatever else a provider throws), so nothing the node would have done next happens.
 */
final class NodeKilled extends VirtualMachineError {
  NodeKilled(String where) {
    super("node killed " + where);
  }
}
