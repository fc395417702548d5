package io.exportkit;

import java.util.Collection;
import java.util.List;

/**
 * No format, transport, output stage or trigger policy has the id an export asks for. The message
 * names what is available and the artifact that usually provides the missing one.
 */
public class ProviderNotFoundException extends ExportException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String id;
  private final List<String> available;

  public ProviderNotFoundException(String kind, String id, Collection<String> available, String hint) {
    super("No " + kind + " with id \"" + id + "\". Available: " + available + ". " + hint);
    this.kind = kind;
    this.id = id;
    this.available = List.copyOf(available);
  }

  /** What kind of provider was asked for: format, transport, output stage, trigger policy. */
  public String kind() {
    return kind;
  }

  public String id() {
    return id;
  }

  /** The ids of the providers of that kind that are available. */
  public List<String> available() {
    return available;
  }
}
