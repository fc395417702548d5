package io.exportkit.internal;

import io.exportkit.ProviderNotFoundException;
import io.exportkit.spi.FormatWriterProvider;
import io.exportkit.spi.OutputStageProvider;
import io.exportkit.spi.TransportProvider;
import io.exportkit.spi.TriggerPolicyProvider;
import io.exportkit.transport.file.FileTransportProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers a service uses, by kind and id: explicit registrations first, then those
 * discovered through {@link ServiceLoader}. Immutable once built.
 */
public final class Providers {
  private static final Logger log = LoggerFactory.getLogger(Providers.class);

  /** Which artifact usually provides an id, for the "not found" message. */
  private static final Map<String, String> ARTIFACTS = Map.ofEntries(
      Map.entry("csv", "export-formats"), Map.entry("json", "export-formats"), Map.entry("xml", "export-formats"),
      Map.entry("txt", "export-formats"), Map.entry("gzip", "export-formats"), Map.entry("zip", "export-formats"),
      Map.entry("ftp", "export-transport-ftp"), Map.entry("ftps", "export-transport-ftp"),
      Map.entry("sftp", "export-transport-sftp"), Map.entry("s3", "export-transport-s3"),
      Map.entry("gs", "export-transport-gcs"), Map.entry("openpgp", "export-crypto"),
      Map.entry("planned", "export-scheduling"), Map.entry("at-end", "export-scheduling"),
      Map.entry("daily", "export-scheduling"), Map.entry("weekly", "export-scheduling"));

  private final Kind<FormatWriterProvider> formats;
  private final Kind<TransportProvider> transports;
  private final Kind<OutputStageProvider> stages;
  private final Kind<TriggerPolicyProvider> triggers;

  private Providers(Builder b) {
    formats = b.formats.build();
    transports = b.transports.build();
    stages = b.stages.build();
    triggers = b.triggers.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<FormatWriterProvider> findFormat(String id) {
    return formats.find(id);
  }

  public Optional<TransportProvider> findTransport(String id) {
    return transports.find(id);
  }

  public Optional<OutputStageProvider> findOutputStage(String id) {
    return stages.find(id);
  }

  public Optional<TriggerPolicyProvider> findTriggerPolicy(String id) {
    return triggers.find(id);
  }

  /** @throws ProviderNotFoundException naming the available formats and the artifact to add */
  public FormatWriterProvider format(String id) {
    return formats.require(id, ".format(...)");
  }

  /** @throws ProviderNotFoundException naming the available transports and the artifact to add */
  public TransportProvider transport(String id) {
    return transports.require(id, ".transport(...)");
  }

  /** @throws ProviderNotFoundException naming the available stages and the artifact to add */
  public OutputStageProvider outputStage(String id) {
    return stages.require(id, ".outputStage(...)");
  }

  /** @throws ProviderNotFoundException naming the available trigger policies and the artifact to add */
  public TriggerPolicyProvider triggerPolicy(String id) {
    return triggers.require(id, ".triggerPolicy(...)");
  }

  /**
   * Every provider of these ids that is missing, in one exception (the single-provider message when
   * only one is), or empty when all are there: a deployment is fixed in one go, not one artifact at
   * a time.
   *
   * @param trigger the trigger policy's id, or {@code null} for an immediate export, which needs none
   */
  public Optional<ProviderNotFoundException> missing(String format, List<String> stages, String transport,
      @Nullable String trigger) {
    List<Optional<ProviderNotFoundException>> checks = new ArrayList<>();
    checks.add(formats.missing(format, ".format(...)"));
    stages.forEach(id -> checks.add(this.stages.missing(id, ".outputStage(...)")));
    checks.add(transports.missing(transport, ".transport(...)"));
    if (trigger != null) {
      checks.add(triggers.missing(trigger, ".triggerPolicy(...)"));
    }
    List<ProviderNotFoundException> missing = checks.stream().flatMap(Optional::stream).toList();
    if (missing.size() <= 1) {
      return missing.stream().findFirst();
    }
    return Optional.of(new ProviderNotFoundException(
        missing.stream().map(e -> e.missing().get(0)).toList(), fix(missing)));
  }

  /** How to add several missing providers: the artifacts to add or upgrade, in the order needed. */
  private String fix(List<ProviderNotFoundException> missing) {
    Set<String> add = new LinkedHashSet<>();
    Set<String> upgrade = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (ProviderNotFoundException e : missing) {
      String artifact = ARTIFACTS.get(e.id());
      if (artifact == null) {
        unknown.add("\"" + e.id() + "\"");
      } else if (onClasspath(artifact)) {
        upgrade.add(artifact);
      } else {
        add.add(artifact);
      }
    }
    List<String> steps = new ArrayList<>();
    if (!add.isEmpty()) {
      steps.add("add " + and(add) + " to the classpath");
    }
    if (!upgrade.isEmpty()) {
      steps.add("upgrade " + and(upgrade) + " (the version on the classpath lacks some of them)");
    }
    if (!unknown.isEmpty()) {
      steps.add("add the artifacts that provide " + and(unknown));
    }
    String fix = String.join("; ", steps) + ", or register the providers with ExportService.builder()";
    return Character.toUpperCase(fix.charAt(0)) + fix.substring(1);
  }

  /** Whether some provider of {@code artifact} is there: then a missing one means an older version. */
  private boolean onClasspath(String artifact) {
    return Stream.of(formats, transports, stages, triggers)
        .anyMatch(kind -> kind.byId.keySet().stream().anyMatch(id -> artifact.equals(ARTIFACTS.get(id))));
  }

  /** "a", "a and b", "a, b and c". */
  private static String and(Collection<String> items) {
    List<String> list = List.copyOf(items);
    return list.size() == 1 ? list.get(0)
        : String.join(", ", list.subList(0, list.size() - 1)) + " and " + list.get(list.size() - 1);
  }

  /** Registers and discovers providers. Not thread-safe. */
  public static final class Builder {
    private final Kind.Builder<FormatWriterProvider> formats = new Kind.Builder<>("FormatWriter", FormatWriterProvider.class, FormatWriterProvider::id);
    private final Kind.Builder<TransportProvider> transports = new Kind.Builder<>("Transport", TransportProvider.class, TransportProvider::id);
    private final Kind.Builder<OutputStageProvider> stages = new Kind.Builder<>("OutputStage", OutputStageProvider.class, OutputStageProvider::id);
    private final Kind.Builder<TriggerPolicyProvider> triggers = new Kind.Builder<>("TriggerPolicy", TriggerPolicyProvider.class, TriggerPolicyProvider::id);

    private Builder() {
      // Local storage is always there, as the JDK always has its file system.
      transports.builtIn(new FileTransportProvider());
    }

    public Builder discover(ClassLoader classLoader) {
      formats.discover(classLoader);
      transports.discover(classLoader);
      stages.discover(classLoader);
      triggers.discover(classLoader);
      return this;
    }

    public Builder format(FormatWriterProvider p) {
      formats.register(p);
      return this;
    }

    public Builder transport(TransportProvider p) {
      transports.register(p);
      return this;
    }

    public Builder outputStage(OutputStageProvider p) {
      stages.register(p);
      return this;
    }

    public Builder triggerPolicy(TriggerPolicyProvider p) {
      triggers.register(p);
      return this;
    }

    public Providers build() {
      return new Providers(this);
    }
  }

  /** The providers of one kind. */
  private static final class Kind<P> {
    private final String name;
    private final Map<String, P> byId;

    private Kind(String name, Map<String, P> byId) {
      this.name = name;
      this.byId = Map.copyOf(byId);
    }

    Optional<P> find(String id) {
      return Optional.ofNullable(byId.get(id));
    }

    P require(String id, String registration) {
      Optional<ProviderNotFoundException> missing = missing(id, registration);
      if (missing.isPresent()) {
        throw missing.get();
      }
      return byId.get(id);
    }

    /** The exception for {@code id} when no provider has it. */
    Optional<ProviderNotFoundException> missing(String id, String registration) {
      if (byId.containsKey(id)) {
        return Optional.empty();
      }
      String artifact = ARTIFACTS.get(id);
      String register = "call ExportService.builder()" + registration;
      String hint;
      if (artifact == null) {
        hint = "Add the artifact that provides it to the classpath or " + register;
      } else if (byId.keySet().stream().anyMatch(known -> artifact.equals(ARTIFACTS.get(known)))) {
        hint = "The " + artifact + " on the classpath does not provide it (an older version?); upgrade it or " + register;
      } else {
        hint = "Add " + artifact + " to the classpath or " + register;
      }
      return Optional.of(new ProviderNotFoundException(name, id, new TreeMap<>(byId).keySet(), hint));
    }

    static final class Builder<P> {
      private final String name;
      private final Class<P> type;
      private final Function<P, String> idOf;
      private final Map<String, P> builtIn = new LinkedHashMap<>();
      private final Map<String, P> discovered = new LinkedHashMap<>();
      private final Map<String, P> explicit = new LinkedHashMap<>();

      Builder(String name, Class<P> type, Function<P, String> idOf) {
        this.name = name;
        this.type = type;
        this.idOf = idOf;
      }

      void builtIn(P provider) {
        builtIn.put(idOf.apply(provider), provider);
      }

      void register(P provider) {
        java.util.Objects.requireNonNull(provider, "provider");
        explicit.put(validId(provider), provider);
      }

      void discover(ClassLoader classLoader) {
        Iterator<P> it = ServiceLoader.load(type, classLoader).iterator();
        while (true) {
          P provider;
          try {
            if (!it.hasNext()) {
              break;
            }
            provider = it.next();
          } catch (ServiceConfigurationError e) {
            // As SLF4J does: one broken provider must not hide the others.
            log.warn("Skipping a {} provider that failed to load: {}", name, e.getMessage(), e);
            continue;
          }
          String id = validId(provider);
          P other = discovered.get(id);
          if (other != null && other.getClass() != provider.getClass()) {
            // Which provider delivers a customer's data must never depend on class-path order.
            throw new IllegalStateException("Two " + name + " providers share the id \"" + id + "\": "
                + other.getClass().getName() + " and " + provider.getClass().getName()
                + ". Remove one from the classpath, or register the one to use with ExportService.builder()");
          }
          discovered.put(id, provider);
        }
      }

      private String validId(P provider) {
        String id = idOf.apply(provider);
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]*")) {
          throw new IllegalArgumentException(name + " provider " + provider.getClass().getName()
              + " has an invalid id \"" + id + "\": use lower-case letters, digits and '-'");
        }
        return id;
      }

      Kind<P> build() {
        Map<String, P> all = new LinkedHashMap<>(builtIn);
        all.putAll(discovered);
        explicit.forEach((id, provider) -> {
          P replaced = all.put(id, provider);
          if (replaced != null) {
            log.debug("{} \"{}\": registered {} replaces {}", name, id, provider.getClass().getName(),
                replaced.getClass().getName());
          }
        });
        return new Kind<>(name, all);
      }
    }
  }
}
