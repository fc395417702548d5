package io.exportkit;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * No format, transport, output stage or trigger policy has the id an export asks for. Every
 * provider the export needs that is missing is named at once, with what is available and the
 * artifacts that usually provide them.
 */
public class ProviderNotFoundException extends ExportException {
  private static final long serialVersionUID = 1L;

  /**
   * One provider that is missing.
   *
   * @param kind what kind of provider was asked for: FormatWriter, Transport, OutputStage, TriggerPolicy
   * @param id the id asked for
   * @param available the ids of the providers of that kind that are available
   */
  public record Missing(String kind, String id, List<String> available) {
    public Missing {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(id, "id");
      available = List.copyOf(available);
    }
  }

  private final transient List<Missing> missing;

  /** One missing provider; {@code hint} says how to add it. */
  public ProviderNotFoundException(String kind, String id, Collection<String> available, String hint) {
    this("No " + kind + " with id \"" + id + "\". Available: " + available + ". " + hint,
        List.of(new Missing(kind, id, List.copyOf(available))));
  }

  /**
   * Several missing providers; {@code fix} says how to add them all.
   *
   * @throws IllegalArgumentException when {@code missing} is empty
   */
  public ProviderNotFoundException(List<Missing> missing, String fix) {
    this(missing.size() + " providers are missing: " + missing.stream()
        .map(m -> m.kind() + " \"" + m.id() + "\" (available: " + m.available() + ")")
        .collect(Collectors.joining(", ")) + ". " + fix, missing);
  }

  private ProviderNotFoundException(String message, List<Missing> missing) {
    super(message);
    if (missing.isEmpty()) {
      throw new IllegalArgumentException("no provider is missing");
    }
    this.missing = List.copyOf(missing);
  }

  /** Every missing provider, in the order the export needs them. */
  public List<Missing> missing() {
    return missing;
  }

  /** The kind of the first missing provider: format, transport, output stage, trigger policy. */
  public String kind() {
    return missing.get(0).kind();
  }

  /** The id of the first missing provider. */
  public String id() {
    return missing.get(0).id();
  }

  /** The ids of the available providers of the first missing one's kind. */
  public List<String> available() {
    return missing.get(0).available();
  }
}
