package io.exportkit.transport.gcs;

import io.exportkit.Destination;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@code gs://BUCKET/PREFIX} destination, read from the URI's query
 * ({@code gs://reports/weekly/?project=acme}) and from {@link Destination#options()} alike; a key
 * given in both places must have the same value. Immutable and thread-safe.
 *
 * <p>Keys, all optional:
 * <ul>
 *   <li>{@value #HOST}: the URL of an emulator or a private endpoint, e.g.
 *       {@code http://localhost:4443}; default: Google's
 *   <li>{@value #PROJECT}: the Google Cloud project; default: the client's (environment,
 *       credentials, metadata server), or {@value #EMULATOR_PROJECT} with a {@value #HOST}
 *   <li>{@value #CHUNK_SIZE}: bytes per request of the resumable upload, a multiple of 256 KiB,
 *       plain or with a {@code KiB} or {@code MiB} suffix, up to 1 GiB; default 8 MiB. Memory stays
 *       about one chunk
 *   <li>{@value #MAX_ATTEMPTS}: attempts per request, the first included, from 1 to 10; default 6
 *   <li>{@value #CONNECT_TIMEOUT}: how long connecting may take, an ISO-8601 duration; default
 *       {@code PT10S}
 *   <li>{@value #READ_TIMEOUT}: how long a request may go without progress (no byte of its body
 *       taken by the store, no answer after the last one, no byte of the answer), an ISO-8601
 *       duration; default {@code PT60S}. The attempt then fails and is retried
 *   <li>{@value #CONTENT_TYPE}: the objects' {@code Content-Type}; default
 *       {@code application/octet-stream}
 *   <li>{@value #METADATA_PREFIX}{@code NAME}: custom metadata {@code NAME} on every object
 * </ul>
 *
 * @param bucket the bucket: the URI's host
 * @param prefix the object name prefix: the URI's path without its leading slash, ending with
 *     {@code /} unless empty
 * @param host the URL of an emulator or private endpoint, or null for Google's
 * @param project the project id, or null for the client's default
 * @param chunkSize bytes per request
 * @param maxAttempts attempts per request, the first included
 * @param connectTimeout how long connecting may take
 * @param readTimeout how long a request may go without progress
 * @param contentType the objects' content type
 * @param metadata custom metadata set on every object
 */
public record GcsOptions(
    String bucket,
    String prefix,
    @Nullable URI host,
    @Nullable String project,
    int chunkSize,
    int maxAttempts,
    Duration connectTimeout,
    Duration readTimeout,
    String contentType,
    Map<String, String> metadata) {

  public static final String HOST = "host";
  public static final String PROJECT = "project";
  public static final String CHUNK_SIZE = "chunkSize";
  public static final String MAX_ATTEMPTS = "maxAttempts";
  public static final String CONNECT_TIMEOUT = "connectTimeout";
  public static final String READ_TIMEOUT = "readTimeout";
  public static final String CONTENT_TYPE = "contentType";
  public static final String METADATA_PREFIX = "metadata.";

  /** The project of a destination with a {@value #HOST} but no {@value #PROJECT}: emulators take any. */
  public static final String EMULATOR_PROJECT = "exportkit-emulator";

  static final int CHUNK_GRANULE = 256 * 1024;
  static final int DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;
  private static final int MAX_CHUNK_SIZE = 1024 * 1024 * 1024;
  private static final List<String> KEYS = List.of(HOST, PROJECT, CHUNK_SIZE, MAX_ATTEMPTS, CONNECT_TIMEOUT,
      READ_TIMEOUT, CONTENT_TYPE);

  public GcsOptions {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    metadata = Map.copyOf(metadata);
  }

  /**
   * The settings of {@code destination}.
   *
   * @throws IllegalArgumentException listing what {@link #problems} finds
   */
  public static GcsOptions of(Destination destination) {
    List<String> problems = new ArrayList<>();
    GcsOptions options = parse(destination, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid GCS destination " + destination.uri() + ": " + String.join("; ", problems));
    }
    return options;
  }

  /** What is wrong with {@code destination}'s URI and settings, one message per problem. */
  public static List<String> problems(Destination destination) {
    List<String> problems = new ArrayList<>();
    parse(destination, problems);
    return List.copyOf(problems);
  }

  /** The name of the object for {@code fileName}. */
  String objectName(String fileName) {
    return prefix + fileName;
  }

  /** The {@code gs://bucket/name} URI of the object for {@code fileName}. */
  URI location(String fileName) {
    try {
      return new URI("gs", bucket, "/" + objectName(fileName), null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("no gs: URI for object " + objectName(fileName), e);
    }
  }

  private static GcsOptions parse(Destination destination, List<String> problems) {
    URI uri = destination.uri();
    String bucket = uri.getRawAuthority();
    if (!"gs".equalsIgnoreCase(uri.getScheme()) || uri.isOpaque() || bucket == null || bucket.isEmpty()) {
      problems.add("a GCS destination looks like gs://BUCKET/PREFIX; got " + uri);
      bucket = "";
    } else if (!bucket.matches("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]")) {
      problems.add("bucket name '" + bucket + "' is not valid: lower-case letters, digits, dots, hyphens or"
          + " underscores, starting and ending with a letter or digit");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String prefix = path.startsWith("/") ? path.substring(1) : path;
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix += "/";
    }

    Map<String, String> settings = settings(destination, problems);

    URI host = settings.containsKey(HOST) ? host(settings.get(HOST), problems) : null;
    String project = settings.containsKey(PROJECT) ? settings.get(PROJECT) : host == null ? null : EMULATOR_PROJECT;
    int chunkSize = chunkSize(settings.get(CHUNK_SIZE), problems);
    String attempts = settings.getOrDefault(MAX_ATTEMPTS, "6");
    if (!attempts.matches("[1-9]|10")) {
      problems.add("option '" + MAX_ATTEMPTS + "' accepts a whole number from 1 to 10; got \"" + attempts + "\"");
      attempts = "6";
    }
    int maxAttempts = Integer.parseInt(attempts);
    Duration connectTimeout = duration(settings, CONNECT_TIMEOUT, Duration.ofSeconds(10), problems);
    Duration readTimeout = duration(settings, READ_TIMEOUT, Duration.ofSeconds(60), problems);
    String contentType = settings.getOrDefault(CONTENT_TYPE, "application/octet-stream");

    Map<String, String> metadata = new TreeMap<>();
    settings.forEach((key, value) -> {
      if (key.startsWith(METADATA_PREFIX) && key.length() > METADATA_PREFIX.length()) {
        metadata.put(key.substring(METADATA_PREFIX.length()), value);
      } else if (!KEYS.contains(key)) {
        problems.add("unknown option '" + key + "'; GCS accepts " + String.join(", ", KEYS) + " and " + METADATA_PREFIX
            + "NAME");
      }
    });
    return new GcsOptions(bucket, prefix, host, project, chunkSize, maxAttempts, connectTimeout, readTimeout,
        contentType, metadata);
  }

  /** The keys {@code destination} sets, in its URI's query or its options. */
  static Set<String> given(Destination destination) {
    return settings(destination, new ArrayList<>()).keySet();
  }

  /** The URI's query parameters and the destination's options, merged. */
  private static Map<String, String> settings(Destination destination, List<String> problems) {
    Map<String, String> settings = new TreeMap<>();
    String query = destination.uri().getRawQuery();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        String[] keyValue = pair.split("=", 2);
        String key = URLDecoder.decode(keyValue[0], StandardCharsets.UTF_8);
        if (settings.put(key, keyValue.length < 2 ? "" : URLDecoder.decode(keyValue[1], StandardCharsets.UTF_8)) != null) {
          problems.add("option '" + key + "' appears more than once in the URI; keep one");
        }
      }
    }
    for (Map.Entry<String, String> option : destination.options().entrySet()) {
      String inUri = settings.put(option.getKey(), option.getValue());
      if (inUri != null && !inUri.equals(option.getValue())) {
        problems.add("option '" + option.getKey() + "' differs between the URI (\"" + inUri + "\") and the options (\""
            + option.getValue() + "\")");
      }
    }
    return settings;
  }

  private static @Nullable URI host(String value, List<String> problems) {
    try {
      URI host = new URI(value);
      if (host.getHost() != null && host.getRawUserInfo() == null
          && ("http".equals(host.getScheme()) || "https".equals(host.getScheme()))) {
        return host;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    problems.add("option '" + HOST + "' must be an http(s) URL without credentials, e.g. http://localhost:4443");
    return null;
  }

  private static Duration duration(Map<String, String> settings, String key, Duration fallback, List<String> problems) {
    String value = settings.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      Duration duration = Duration.parse(value.trim());
      // The client takes whole milliseconds, up to Integer.MAX_VALUE.
      if (duration.toMillis() >= 1 && duration.compareTo(Duration.ofDays(1)) <= 0) {
        return duration;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    problems.add("option '" + key + "' accepts an ISO-8601 duration from PT0.001S to P1D, e.g. PT30S; got \"" + value
        + "\"");
    return fallback;
  }

  private static int chunkSize(@Nullable String value, List<String> problems) {
    if (value == null) {
      return DEFAULT_CHUNK_SIZE;
    }
    String digits = value.replaceFirst("\\s*(KiB|MiB)$", "");
    long unit = value.endsWith("MiB") ? 1024 * 1024 : value.endsWith("KiB") ? 1024 : 1;
    if (digits.matches("\\d{1,10}")) {
      long bytes = Long.parseLong(digits) * unit;
      if (bytes > 0 && bytes <= MAX_CHUNK_SIZE && bytes % CHUNK_GRANULE == 0) {
        return (int) bytes;
      }
    }
    problems.add("option '" + CHUNK_SIZE + "' accepts a multiple of 256KiB up to 1024MiB (bytes, or with a KiB or MiB"
        + " suffix); got \"" + value + "\"");
    return DEFAULT_CHUNK_SIZE;
  }
}
