package io.exportkit.format.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keys or element names that differ from each other, for the formats where a label names a value
 * within its row (JSON keys, XML elements).
 */
public final class UniqueNames {

  private UniqueNames() {}

  /**
   * {@code names}, in order, each kept unless an earlier one already took it; then it gets the
   * first suffix {@code _2}, {@code _3}, … that no earlier name took: {@code [Name, Name, Name]}
   * becomes {@code [Name, Name_2, Name_3]}. Names are compared exactly, case included.
   */
  public static List<String> of(List<String> names) {
    Set<String> taken = new HashSet<>();
    List<String> unique = new ArrayList<>(names.size());
    for (String name : names) {
      String candidate = name;
      for (int n = 2; !taken.add(candidate); n++) {
        candidate = name + "_" + n;
      }
      unique.add(candidate);
    }
    return List.copyOf(unique);
  }
}
