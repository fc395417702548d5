package io.exportkit;

import io.exportkit.internal.FileNameTemplate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an export is: its name, type, operations, content, fields, period, format, file naming,
 * destination, trigger and encryption. Make one with {@link #builder()}, change one with
 * {@link #toBuilder()}.
 *
 * <pre>{@code
 * ExportDefinition weekly = ExportDefinition.builder()
 *     .name("weekly-winners")
 *     .type(ExportType.CUSTOM)
 *     .operation("summer-instant-win")
 *     .content(Content.WINNERS)
 *     .fields(ExportField.of("email"), ExportField.of("prize").withLabel("Prize won"))
 *     .destination(Destination.of("sftp://acme@reports.example.org/out"))
 *     .trigger(Trigger.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 0), ZoneId.of("Europe/Paris")))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@code toString()} holds no secret: definitions only carry
 * references to secrets.
 */
public final class ExportDefinition {

  /** The naming template used when none is given. */
  public static final String DEFAULT_NAMING = "{export}_{datetime:yyyyMMdd-HHmmss}.{ext}";

  /** Longest export name accepted. */
  public static final int MAX_NAME_LENGTH = 100;

  private final String name;
  private final ExportType type;
  private final List<String> operations;
  private final Content content;
  private final List<ExportField> fields;
  private final @Nullable Period period;
  private final FormatSpec format;
  private final String compression;
  private final String naming;
  private final ZoneId zone;
  private final Destination destination;
  private final Trigger trigger;
  private final @Nullable Encryption encryption;

  private ExportDefinition(Builder b, List<ExportField> fields) {
    this.name = Objects.requireNonNull(b.name);
    this.type = Objects.requireNonNull(b.type);
    this.operations = List.copyOf(b.operations);
    this.content = b.content;
    this.fields = List.copyOf(fields);
    this.period = b.period;
    this.format = b.format;
    this.compression = b.compression;
    this.naming = b.naming;
    this.zone = b.zone;
    this.destination = Objects.requireNonNull(b.destination);
    this.trigger = b.trigger;
    this.encryption = b.encryption;
  }

  /** A builder with the defaults: all participations, CSV, no compression, immediate trigger. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this definition's values, to make a changed copy. When the copy of a custom
   * export gets another operation, its chosen fields are cleared (they belonged to the former
   * operation), unless fields are chosen on this builder too, even the same ones.
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The name the customer gave the export; also the {@code {export}} naming token. */
  public String name() {
    return name;
  }

  public ExportType type() {
    return type;
  }

  /**
   * The operations exported: exactly one for rapid and custom exports; for global exports, the
   * chosen subset, or empty for every operation of the period.
   */
  public List<String> operations() {
    return operations;
  }

  public Content content() {
    return content;
  }

  /** For custom exports, the chosen fields in column order; empty otherwise. */
  public List<ExportField> fields() {
    return fields;
  }

  /** For global exports, the period; {@code null} otherwise. */
  public @Nullable Period period() {
    return period;
  }

  public FormatSpec format() {
    return format;
  }

  /** The compression stage's id ({@code gzip}, {@code zip}), or {@code none}. */
  public String compression() {
    return compression;
  }

  /** The file naming template; see {@link Builder#naming(String)}. */
  public String naming() {
    return naming;
  }

  /** The account's time zone: for naming tokens and the days of a period. */
  public ZoneId zone() {
    return zone;
  }

  public Destination destination() {
    return destination;
  }

  public Trigger trigger() {
    return trigger;
  }

  public @Nullable Encryption encryption() {
    return encryption;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ExportDefinition d)) {
      return false;
    }
    return name.equals(d.name) && type == d.type && operations.equals(d.operations) && content == d.content
        && fields.equals(d.fields) && Objects.equals(period, d.period) && format.equals(d.format)
        && compression.equals(d.compression) && naming.equals(d.naming) && zone.equals(d.zone)
        && destination.equals(d.destination) && trigger.equals(d.trigger) && Objects.equals(encryption, d.encryption);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, operations, content, fields, period, format, compression, naming, zone,
        destination, trigger, encryption);
  }

  @Override
  public String toString() {
    return "ExportDefinition{name=" + name + ", type=" + type + ", operations=" + operations + ", content=" + content
        + ", fields=" + fields + ", period=" + period + ", format=" + format + ", compression=" + compression
        + ", naming=" + naming + ", zone=" + zone + ", destination=" + destination + ", trigger=" + trigger
        + ", encryption=" + encryption + "}";
  }

  /**
   * Builds an {@link ExportDefinition}. Setters check their own argument at once; {@link #build()}
   * checks the rules between parts and reports every violation together. Not thread-safe;
   * reusable after {@code build()}.
   */
  public static final class Builder {
    private @Nullable String name;
    private @Nullable ExportType type;
    private List<String> operations = List.of();
    private Content content = Content.ALL_PARTICIPATIONS;
    private List<ExportField> fields = List.of();
    private @Nullable Period period;
    private FormatSpec format = FormatSpec.of("csv");
    private String compression = "none";
    private String naming = DEFAULT_NAMING;
    private ZoneId zone = ZoneOffset.UTC;
    private @Nullable Destination destination;
    private Trigger trigger = Trigger.immediate();
    private @Nullable Encryption encryption;
    /** The operations of the definition this builder copies, or null for a new one. */
    private @Nullable List<String> copiedOperations;
    /** Whether {@link #fields(List)} was called: a choice the operation reset must keep. */
    private boolean fieldsChosen;

    private Builder() {
    }

    private Builder(ExportDefinition d) {
      copiedOperations = d.operations;
      name = d.name;
      type = d.type;
      operations = d.operations;
      content = d.content;
      fields = d.fields;
      period = d.period;
      format = d.format;
      compression = d.compression;
      naming = d.naming;
      zone = d.zone;
      destination = d.destination;
      trigger = d.trigger;
      encryption = d.encryption;
    }

    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    public Builder type(ExportType type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /** The one operation of a rapid or custom export. */
    public Builder operation(String operationId) {
      return operations(List.of(Objects.requireNonNull(operationId, "operationId")));
    }

    /** For global exports: the chosen operations (empty for all operations of the period). */
    public Builder operations(List<String> operationIds) {
      this.operations = List.copyOf(Objects.requireNonNull(operationIds, "operationIds"));
      return this;
    }

    public Builder content(Content content) {
      this.content = Objects.requireNonNull(content, "content");
      return this;
    }

    /**
     * For custom exports: the fields, in column order. A choice made here is kept when the
     * operation changes too; see {@link ExportDefinition#toBuilder()}.
     */
    public Builder fields(List<ExportField> fields) {
      this.fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
      this.fieldsChosen = true;
      return this;
    }

    public Builder fields(ExportField... fields) {
      return fields(List.of(fields));
    }

    /** For global exports: the days whose participations are exported. */
    public Builder period(@Nullable Period period) {
      this.period = period;
      return this;
    }

    public Builder format(FormatSpec format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /** The format {@code id} with default options. */
    public Builder format(String id) {
      return format(FormatSpec.of(id));
    }

    /** The compression stage id ({@code gzip}, {@code zip}) or {@code none}. */
    public Builder compression(String compression) {
      this.compression = Objects.requireNonNull(compression, "compression");
      return this;
    }

    /**
     * The file naming template. Tokens: {@code {export}} the export's name, {@code {operation}}
     * the operation id(s), {@code {date}} ({@code yyyyMMdd}), {@code {time}} ({@code HHmmss}),
     * {@code {datetime:PATTERN}} a {@link java.time.format.DateTimeFormatter} pattern, all in
     * {@link #zone(ZoneId)} at the run's start (for a run a scheduler fires, at its occurrence, so
     * every attempt of an occurrence gets the same name), {@code {run}} the run id, {@code {seq}} the run's
     * sequence number for this export, {@code {ext}} the extension ({@code csv}, {@code csv.gz}).
     * When {@code {ext}} is absent, the extension is appended. Values are sanitised: path
     * separators, {@code ..} and control characters never reach the file name.
     */
    public Builder naming(String template) {
      this.naming = Objects.requireNonNull(template, "template");
      return this;
    }

    /** The account's time zone (default UTC). */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    public Builder destination(Destination destination) {
      this.destination = Objects.requireNonNull(destination, "destination");
      return this;
    }

    public Builder trigger(Trigger trigger) {
      this.trigger = Objects.requireNonNull(trigger, "trigger");
      return this;
    }

    public Builder encryption(@Nullable Encryption encryption) {
      this.encryption = encryption;
      return this;
    }

    /**
     * Checks every rule that needs no host data and returns the definition.
     *
     * @throws InvalidDefinitionException listing every violation found
     */
    public ExportDefinition build() {
      List<Violation> violations = new ArrayList<>();
      checkName(violations);
      if (type == null) {
        violations.add(new Violation("type", "required: choose RAPID, CUSTOM or GLOBAL"));
      } else {
        checkTypeRules(type, violations);
      }
      if (destination == null) {
        violations.add(new Violation("destination", "required: where to deliver, e.g. Destination.of(\"file:exports\")"));
      } else {
        violations.addAll(destination.violations());
      }
      if (!compression.matches("[a-z0-9][a-z0-9-]*")) {
        violations.add(new Violation("compression", "must be 'none' or a compression id such as 'gzip' or 'zip'"));
      }
      try {
        FileNameTemplate.parse(naming);
      } catch (IllegalArgumentException e) {
        violations.add(new Violation("naming", e.getMessage()));
      }
      if (!violations.isEmpty()) {
        throw new InvalidDefinitionException(violations);
      }
      if (type == ExportType.CUSTOM && copiedOperations != null && !fieldsChosen
          && !copiedOperations.equals(operations)) {
        // The copied fields belonged to the former operation; build() copies, so the builder keeps them.
        return new ExportDefinition(this, List.of());
      }
      return new ExportDefinition(this, fields);
    }

    private void checkName(List<Violation> violations) {
      if (name == null || name.isBlank()) {
        violations.add(new Violation("name", "required: give the export a name"));
      } else if (name.length() > MAX_NAME_LENGTH) {
        violations.add(new Violation("name", "at most " + MAX_NAME_LENGTH + " characters (is " + name.length() + ")"));
      } else if (name.chars().anyMatch(Character::isISOControl)) {
        violations.add(new Violation("name", "must not hold control characters"));
      }
    }

    private void checkTypeRules(ExportType type, List<Violation> violations) {
      switch (type) {
        case RAPID, CUSTOM -> {
          if (operations.size() != 1) {
            violations.add(new Violation("operations",
                "a " + type + " export needs exactly one operation (has " + operations.size() + ")"));
          }
          if (period != null) {
            violations.add(new Violation("period", "only GLOBAL exports take a period; remove it"));
          }
        }
        case GLOBAL -> {
          if (period == null) {
            violations.add(new Violation("period", "required for a GLOBAL export: the days to export, e.g. Period.parse(\"2026-01-01/2026-03-31\")"));
          }
          if (Set.copyOf(operations).size() != operations.size()) {
            violations.add(new Violation("operations", "lists an operation more than once"));
          }
        }
      }
      if (type == ExportType.CUSTOM) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
          String field = fields.get(i).name();
          if (seen.contains(field)) {
            violations.add(new Violation("fields[" + i + "]", "field '" + field + "' is chosen twice"));
          }
          seen.add(field);
        }
      } else if (!fields.isEmpty()) {
        violations.add(new Violation("fields", "only CUSTOM exports choose fields; a " + type + " export has all columns"));
      }
      if (!TriggerKind.allowedFor(type).contains(trigger.kind())) {
        violations.add(new Violation("trigger", "a " + type + " export cannot use a " + trigger.kind().id()
            + " trigger; allowed: " + TriggerKind.allowedFor(type).stream().map(TriggerKind::id).toList()));
      }
    }
  }
}
