package io.exportkit.transport.s3;

import io.exportkit.Destination;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * The settings of an {@code s3://BUCKET/PREFIX} destination, read from the URI's query
 * ({@code s3://reports/weekly/?region=eu-west-3}) and from {@link Destination#options()} alike; a
 * key given in both places must have the same value. Immutable and thread-safe.
 *
 * <p>Keys, all optional:
 * <ul>
 *   <li>{@value #REGION}: the bucket's region, e.g. {@code eu-west-3}; default: the SDK's region
 *       chain ({@code AWS_REGION}, profile, instance metadata), or {@code us-east-1} with an
 *       {@value #ENDPOINT}
 *   <li>{@value #ENDPOINT}: the URL of an S3-compatible store, e.g. {@code http://localhost:9000}
 *   <li>{@value #PATH_STYLE}: {@code true} to address the bucket in the path
 *       ({@code endpoint/bucket/key}) rather than the host name; default {@code false}
 *   <li>{@value #PART_SIZE}: bytes per part, plain or with a {@code KiB}, {@code MiB} or
 *       {@code GiB} suffix, from 5 MiB (S3's minimum) to 1 GiB; default 8 MiB
 *   <li>{@value #PARALLEL_PARTS}: parts in memory at once, being filled or uploaded, from 1 to 64;
 *       default 2. Memory stays below part size × parallel parts
 *   <li>{@value #MAX_ATTEMPTS}: attempts per request, the first included, from 1 to 10; default 3
 *   <li>{@value #CONNECT_TIMEOUT}: how long connecting may take, an ISO-8601 duration; default
 *       {@code PT10S}
 *   <li>{@value #READ_TIMEOUT}: how long a request may go without progress (no byte of its body
 *       taken by the store, no answer after the last one, no byte of the answer), an ISO-8601
 *       duration; default {@code PT60S}. The attempt then fails and is retried
 *   <li>{@value #SSE}: server-side encryption, {@code AES256} (SSE-S3) or {@code aws:kms} (SSE-KMS);
 *       default: the bucket's own setting
 *   <li>{@value #KMS_KEY_ID}: the KMS key for {@code aws:kms}; default: the account's S3 key
 *   <li>{@value #STORAGE_CLASS}: e.g. {@code STANDARD_IA}; default: the bucket's
 *   <li>{@value #CONTENT_TYPE}: the objects' {@code Content-Type}; default
 *       {@code application/octet-stream}
 *   <li>{@value #METADATA_PREFIX}{@code NAME}: user metadata {@code x-amz-meta-NAME} on every object
 *   <li>{@value #CONDITIONAL_WRITE}: {@code false} for stores that reject {@code If-None-Match}
 *       writes; default {@code true}. See {@link S3TransportProvider} on overwriting
 *   <li>{@value #CHECKSUM}: {@code CRC32C} to send the CRC32C of each part and of the whole object
 *       ({@code x-amz-checksum-crc32c}, full-object type), which S3 checks and reports, or {@code
 *       none}; default {@code CRC32C} on AWS, {@code none} with an {@value #ENDPOINT}: many
 *       S3-compatible stores refuse these headers ({@code 501 NotImplemented})
 * </ul>
 *
 * @param bucket the bucket: the URI's host
 * @param prefix the key prefix: the URI's path without its leading slash, ending with {@code /}
 *     unless empty
 * @param region the region, or null for the SDK's default
 * @param endpoint the URL of an S3-compatible store, or null for AWS
 * @param pathStyle whether the bucket goes in the path rather than the host name
 * @param partSize bytes per part
 * @param parallelParts how many part buffers exist at once
 * @param maxAttempts attempts per request, the first included
 * @param connectTimeout how long connecting may take
 * @param readTimeout how long a request may go without progress
 * @param serverSideEncryption {@code AES256}, {@code aws:kms}, or null for the bucket's default
 * @param kmsKeyId the KMS key id or ARN, or null
 * @param storageClass the storage class, or null for the bucket's default
 * @param contentType the objects' content type
 * @param metadata user metadata set on every object
 * @param conditionalWrite whether writes that must not replace an object carry {@code If-None-Match: *}
 * @param crc32c whether writes carry CRC32C checksums for the store to check
 */
public record S3Options(
    String bucket,
    String prefix,
    @Nullable String region,
    @Nullable URI endpoint,
    boolean pathStyle,
    int partSize,
    int parallelParts,
    int maxAttempts,
    Duration connectTimeout,
    Duration readTimeout,
    @Nullable String serverSideEncryption,
    @Nullable String kmsKeyId,
    @Nullable String storageClass,
    String contentType,
    Map<String, String> metadata,
    boolean conditionalWrite,
    boolean crc32c) {

  public static final String REGION = "region";
  public static final String ENDPOINT = "endpoint";
  public static final String PATH_STYLE = "pathStyle";
  public static final String PART_SIZE = "partSize";
  public static final String PARALLEL_PARTS = "parallelParts";
  public static final String MAX_ATTEMPTS = "maxAttempts";
  public static final String CONNECT_TIMEOUT = "connectTimeout";
  public static final String READ_TIMEOUT = "readTimeout";
  public static final String SSE = "sse";
  public static final String KMS_KEY_ID = "kmsKeyId";
  public static final String STORAGE_CLASS = "storageClass";
  public static final String CONTENT_TYPE = "contentType";
  public static final String METADATA_PREFIX = "metadata.";
  public static final String CONDITIONAL_WRITE = "conditionalWrite";
  public static final String CHECKSUM = "checksum";

  /** S3 refuses parts below 5 MiB, except the last. */
  static final int MIN_PART_SIZE = 5 * 1024 * 1024;
  static final int MAX_PART_SIZE = 1024 * 1024 * 1024;
  static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

  private static final List<String> KEYS = List.of(REGION, ENDPOINT, PATH_STYLE, PART_SIZE, PARALLEL_PARTS,
      MAX_ATTEMPTS, CONNECT_TIMEOUT, READ_TIMEOUT, SSE, KMS_KEY_ID, STORAGE_CLASS, CONTENT_TYPE, CONDITIONAL_WRITE, CHECKSUM);

  public S3Options {
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
  public static S3Options of(Destination destination) {
    List<String> problems = new ArrayList<>();
    S3Options options = parse(destination, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid S3 destination " + destination.uri() + ": " + String.join("; ", problems));
    }
    return options;
  }

  /** What is wrong with {@code destination}'s URI and settings, one message per problem. */
  public static List<String> problems(Destination destination) {
    List<String> problems = new ArrayList<>();
    parse(destination, problems);
    return List.copyOf(problems);
  }

  /** The keys {@code destination} sets, in its URI's query or its options. */
  static Set<String> given(Destination destination) {
    return settings(destination, new ArrayList<>()).keySet();
  }

  /** Where the object for {@code fileName} goes. */
  String key(String fileName) {
    return prefix + fileName;
  }

  /** The {@code s3://bucket/key} URI of the object for {@code fileName}. */
  URI location(String fileName) {
    try {
      return new URI("s3", bucket, "/" + key(fileName), null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("no s3: URI for key " + key(fileName), e);
    }
  }

  private static S3Options parse(Destination destination, List<String> problems) {
    URI uri = destination.uri();
    String bucket = bucket(uri, problems);
    String path = uri.getPath() == null ? "" : uri.getPath();
    String prefix = path.startsWith("/") ? path.substring(1) : path;
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix += "/";
    }
    Map<String, String> settings = settings(destination, problems);

    String region = settings.get(REGION);
    URI endpoint = endpoint(settings.get(ENDPOINT), problems);
    boolean pathStyle = bool(settings, PATH_STYLE, false, problems);
    int partSize = size(settings.get(PART_SIZE), problems);
    int parallelParts = integer(settings, PARALLEL_PARTS, 2, 64, problems);
    int maxAttempts = integer(settings, MAX_ATTEMPTS, 3, 10, problems);
    Duration connectTimeout = duration(settings, CONNECT_TIMEOUT, Duration.ofSeconds(10), problems);
    Duration readTimeout = duration(settings, READ_TIMEOUT, Duration.ofSeconds(60), problems);

    String sse = settings.get(SSE);
    if (sse != null && !sse.equals(ServerSideEncryption.AES256.toString())
        && !sse.equals(ServerSideEncryption.AWS_KMS.toString())) {
      problems.add("option '" + SSE + "' accepts AES256 (SSE-S3) or aws:kms (SSE-KMS); got \"" + sse + "\"");
    }
    String kmsKeyId = settings.get(KMS_KEY_ID);
    if (kmsKeyId != null && !ServerSideEncryption.AWS_KMS.toString().equals(sse)) {
      problems.add("option '" + KMS_KEY_ID + "' needs " + SSE + "=aws:kms");
    }
    String storageClass = settings.get(STORAGE_CLASS);
    if (storageClass != null && StorageClass.fromValue(storageClass) == StorageClass.UNKNOWN_TO_SDK_VERSION) {
      problems.add("option '" + STORAGE_CLASS + "' accepts " + StorageClass.knownValues() + "; got \"" + storageClass + "\"");
    }
    String contentType = settings.getOrDefault(CONTENT_TYPE, "application/octet-stream");
    boolean conditionalWrite = bool(settings, CONDITIONAL_WRITE, true, problems);
    String checksum = settings.getOrDefault(CHECKSUM, endpoint == null ? "CRC32C" : "none");
    if (!checksum.equals("CRC32C") && !checksum.equals("none")) {
      problems.add("option '" + CHECKSUM + "' accepts CRC32C or none; got \"" + checksum + "\"");
    }

    Map<String, String> metadata = new TreeMap<>();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      if (e.getKey().startsWith(METADATA_PREFIX) && e.getKey().length() > METADATA_PREFIX.length()) {
        metadata.put(e.getKey().substring(METADATA_PREFIX.length()).toLowerCase(Locale.ROOT), e.getValue());
      } else if (!KEYS.contains(e.getKey())) {
        problems.add("unknown option '" + e.getKey() + "'; S3 accepts " + String.join(", ", KEYS) + " and "
            + METADATA_PREFIX + "NAME");
      }
    }
    return new S3Options(bucket, prefix, region, endpoint, pathStyle, partSize, parallelParts, maxAttempts,
        connectTimeout, readTimeout, sse,
        kmsKeyId, storageClass, contentType, metadata, conditionalWrite, !checksum.equals("none"));
  }

  private static String bucket(URI uri, List<String> problems) {
    String authority = uri.getRawAuthority();
    if (!"s3".equalsIgnoreCase(uri.getScheme()) || uri.isOpaque() || authority == null || authority.isEmpty()) {
      problems.add("an S3 destination looks like s3://BUCKET/PREFIX; got " + uri);
      return "";
    }
    if (!authority.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      problems.add("bucket name '" + authority + "' is not valid: 3 to 63 lower-case letters, digits, dots or"
          + " hyphens, starting and ending with a letter or digit");
    }
    return authority;
  }

  /** The URI's query parameters and the destination's options, merged. */
  private static Map<String, String> settings(Destination destination, List<String> problems) {
    Map<String, String> settings = new TreeMap<>();
    String query = destination.uri().getRawQuery();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (settings.put(key, value) != null) {
          problems.add("option '" + key + "' appears more than once in the URI; keep one");
        }
      }
    }
    destination.options().forEach((key, value) -> {
      String fromUri = settings.put(key, value);
      if (fromUri != null && !fromUri.equals(value)) {
        problems.add("option '" + key + "' is \"" + fromUri + "\" in the URI but \"" + value + "\" in the options");
      }
    });
    return settings;
  }

  private static @Nullable URI endpoint(@Nullable String value, List<String> problems) {
    if (value == null) {
      return null;
    }
    try {
      URI endpoint = new URI(value);
      if (!("http".equalsIgnoreCase(endpoint.getScheme()) || "https".equalsIgnoreCase(endpoint.getScheme()))
          || endpoint.getHost() == null || endpoint.getRawUserInfo() != null) {
        problems.add("option '" + ENDPOINT + "' must be an http(s) URL without credentials, e.g. http://localhost:9000");
        return null;
      }
      return endpoint;
    } catch (URISyntaxException e) {
      problems.add("option '" + ENDPOINT + "' is not a URL: " + e.getMessage());
      return null;
    }
  }

  private static int size(@Nullable String value, List<String> problems) {
    if (value == null) {
      return DEFAULT_PART_SIZE;
    }
    String text = value.trim();
    long unit = 1;
    for (String[] suffix : new String[][] {{"KiB", "1024"}, {"MiB", "1048576"}, {"GiB", "1073741824"}}) {
      if (text.endsWith(suffix[0])) {
        unit = Long.parseLong(suffix[1]);
        text = text.substring(0, text.length() - suffix[0].length()).trim();
      }
    }
    try {
      long bytes = Long.parseLong(text) * unit;
      if (bytes >= MIN_PART_SIZE && bytes <= MAX_PART_SIZE) {
        return (int) bytes;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add("option '" + PART_SIZE + "' accepts 5MiB to 1GiB (bytes, or with a KiB, MiB or GiB suffix); got \""
        + value + "\"");
    return DEFAULT_PART_SIZE;
  }

  private static int integer(Map<String, String> settings, String key, int fallback, int max, List<String> problems) {
    String value = settings.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add("option '" + key + "' accepts a whole number from 1 to " + max + "; got \"" + value + "\"");
    return fallback;
  }

  private static Duration duration(Map<String, String> settings, String key, Duration fallback, List<String> problems) {
    String value = settings.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      Duration duration = Duration.parse(value.trim());
      if (!duration.isNegative() && !duration.isZero() && duration.compareTo(Duration.ofDays(1)) <= 0) {
        return duration;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    problems.add("option '" + key + "' accepts an ISO-8601 duration from PT0.001S to P1D, e.g. PT30S; got \"" + value
        + "\"");
    return fallback;
  }

  private static boolean bool(Map<String, String> settings, String key, boolean fallback, List<String> problems) {
    String value = settings.get(key);
    if (value == null) {
      return fallback;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    problems.add("option '" + key + "' accepts true or false; got \"" + value + "\"");
    return fallback;
  }
}
