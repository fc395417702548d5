package io.exportkit.scheduling;

/**
 * Stands for the death of a node's process in the middle of what it was doing: an {@link Error},
 * so that no code of the library handles it, and nothing the node would have done next happens.
 */
final class NodeKilled extends Error {
  NodeKilled(String where) {
    super("node killed " + where);
  }
}
