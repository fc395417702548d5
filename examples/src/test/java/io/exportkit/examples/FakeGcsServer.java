package io.exportkit.examples;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * A loopback server speaking the part of the GCS JSON API that an upload to an emulator uses: the
 * resumable upload (session start answered with a {@code Location}, chunks answered {@code 308},
 * the last one with the object's JSON) and the object GET that verifies it. Objects are kept in
 * memory; it records whether any request carried credentials. (The happy path of
 * export-transport-gcs's {@code FakeGcsServer}, without its faults and its token endpoint.)
 */
final class FakeGcsServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final Pattern TOTAL_ONLY = Pattern.compile("bytes \\*/(\\d+|\\*)");

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Set<String> buckets;
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger sessionIds = new AtomicInteger();
  private final AtomicInteger authorized = new AtomicInteger();

  private FakeGcsServer(Set<String> buckets) throws IOException {
    this.buckets = buckets;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** A running server with the given (empty) buckets. */
  static FakeGcsServer start(String... buckets) throws IOException {
    return new FakeGcsServer(Set.of(buckets));
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  Optional<byte[]> read(String bucket, String name) {
    return Optional.ofNullable(objects.get(bucket + "/" + name));
  }

  /** How many requests carried an {@code Authorization} header. */
  int requestsWithCredentials() {
    return authorized.get();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (exchange.getRequestHeaders().containsKey("Authorization")) {
        authorized.incrementAndGet();
      }
      String path = exchange.getRequestURI().getRawPath();
      String method = exchange.getRequestMethod();
      if (path.startsWith("/upload/storage/v1/b/") && method.equals("POST")) {
        startSession(exchange, path);
      } else if (path.startsWith("/upload/storage/v1/b/") && method.equals("PUT")) {
        chunk(exchange);
      } else if (path.startsWith("/storage/v1/b/") && path.contains("/o/") && method.equals("GET")) {
        String[] parts = path.split("/o/", 2);
        String key = decode(parts[0].substring("/storage/v1/b/".length())) + "/" + decode(parts[1]);
        byte[] object = objects.get(key);
        if (object == null) {
          error(exchange, 404, "No such object: " + key);
        } else {
          send(exchange, 200, json(key, object));
        }
      } else {
        error(exchange, 404, "Not Found: " + method + " " + path);
      }
    }
  }

  private void startSession(HttpExchange exchange, String path) throws IOException {
    String bucket = decode(path.split("/")[5]);
    if (!buckets.contains(bucket)) {
      error(exchange, 404, "The specified bucket does not exist.");
      return;
    }
    String query = exchange.getRequestURI().getRawQuery();
    Matcher name = Pattern.compile("(?:^|&)name=([^&]*)").matcher(query == null ? "" : query);
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String objectName = name.find() ? decode(name.group(1))
        : JsonParser.parseString(body).getAsJsonObject().get("name").getAsString();
    String id = "session-" + sessionIds.incrementAndGet();
    sessions.put(id, new Session(bucket + "/" + objectName));
    exchange.getResponseHeaders().add("Location",
        endpoint() + "/upload/storage/v1/b/" + bucket + "/o?uploadType=resumable&upload_id=" + id);
    send(exchange, 200, "");
  }

  private void chunk(HttpExchange exchange) throws IOException {
    Matcher id = Pattern.compile("upload_id=([^&]*)").matcher(exchange.getRequestURI().getRawQuery());
    Session session = id.find() ? sessions.get(id.group(1)) : null;
    String contentRange = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Range"));
    Matcher range = RANGE.matcher(contentRange);
    Matcher totalOnly = TOTAL_ONLY.matcher(contentRange);
    if (session == null || !range.matches() && !totalOnly.matches()) {
      error(exchange, 400, "Bad upload: " + contentRange);
      return;
    }
    boolean hasData = range.matches();
    synchronized (session) {
      if (hasData) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        long offset = Long.parseLong(range.group(1));
        // A chunk sent again starts before what the server has: keep only what is new.
        session.bytes.write(body, (int) (session.bytes.size() - offset), (int) (offset + body.length - session.bytes.size()));
      }
      String total = hasData ? range.group(3) : totalOnly.group(1);
      if (!total.equals("*") && Long.parseLong(total) == session.bytes.size()) {
        objects.put(session.key, session.bytes.toByteArray());
        send(exchange, 200, json(session.key, session.bytes.toByteArray()));
        return;
      }
      if (session.bytes.size() > 0) {
        exchange.getResponseHeaders().add("Range", "bytes=0-" + (session.bytes.size() - 1));
      }
      send(exchange, 308, "");
    }
  }

  /** The object's JSON resource: GCS reports the size and the CRC32C, which the transport checks. */
  private static String json(String key, byte[] content) {
    CRC32C crc = new CRC32C();
    crc.update(content);
    String[] bucketAndName = key.split("/", 2);
    JsonObject json = new JsonObject();
    json.addProperty("kind", "storage#object");
    json.addProperty("bucket", bucketAndName[0]);
    json.addProperty("name", bucketAndName[1]);
    json.addProperty("generation", "1");
    json.addProperty("size", String.valueOf(content.length));
    json.addProperty("crc32c", Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array()));
    return json.toString();
  }

  private static void error(HttpExchange exchange, int status, String message) throws IOException {
    send(exchange, status, "{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"errors\":[{\"message\":\""
        + message + "\",\"domain\":\"global\",\"reason\":\"failed\"}]}}");
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (!body.isEmpty()) {
      exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  private static final class Session {
    final String key;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Session(String key) {
      this.key = key;
    }
  }
}
