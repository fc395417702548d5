package io.exportkit.transport.gcs;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * A loopback server speaking the part of the GCS JSON API that uploads use, as documented: the
 * resumable upload (session start with {@code POST ?uploadType=resumable} answered with a {@code
 * Location}, chunks answered {@code 308} with {@code Range}, status queries, the final chunk
 * answered with the object's JSON: size, md5Hash, crc32c), the {@code ifGenerationMatch}
 * precondition, object GET and DELETE, and the OAuth token endpoint a service-account key points to
 * (JWT bearer grant, signature checked). The bytes go to files, not the heap. It can answer {@code
 * 503}, drop the connection in the middle of a chunk, stall a chunk, or ignore preconditions, on
 * request.
 */
final class FakeGcsServer implements AutoCloseable {
  static final String TOKEN = "ya29.fake-access-token";

  private static final Pattern RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final Pattern TOTAL_ONLY = Pattern.compile("bytes \\*/(\\d+|\\*)");

  private final HttpServer server;
  private final Path folder;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Set<String> buckets = ConcurrentHashMap.newKeySet();
  private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, PublicKey> accounts = new ConcurrentHashMap<>();
  private final AtomicLong generations = new AtomicLong(1_000);
  private final AtomicInteger sessionIds = new AtomicInteger();
  private final AtomicInteger chunks = new AtomicInteger();
  private final AtomicInteger unavailableToAnswer = new AtomicInteger();
  private final AtomicInteger unavailableAnswered = new AtomicInteger();
  private final AtomicInteger dropsToDo = new AtomicInteger();
  private final AtomicInteger dropsDone = new AtomicInteger();
  private volatile boolean ignorePreconditions;
  private final AtomicInteger stallsToDo = new AtomicInteger();
  private final AtomicInteger stallsDone = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);

  private FakeGcsServer(Path folder) throws IOException {
    this.folder = folder;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** A server keeping the bytes it receives in files under {@code folder}, with the given buckets. */
  static FakeGcsServer start(Path folder, String... buckets) throws IOException {
    FakeGcsServer fake = new FakeGcsServer(folder);
    fake.buckets.addAll(Set.of(buckets));
    return fake;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Accepts tokens signed by {@code key} for the service account {@code email}. */
  private void allowAccount(String email, PublicKey key) {
    accounts.put(email, key);
  }

  /** A new service-account key for {@code email}, accepted by this server: the JSON key file. */
  String newServiceAccountKey(String email) throws GeneralSecurityException {
    KeyPair pair = rsaKeys();
    allowAccount(email, pair.getPublic());
    return serviceAccountKey(email, pair.getPrivate());
  }

  /** A service-account key for {@code email} signed with a key this server does not know. */
  String unknownServiceAccountKey(String email) throws GeneralSecurityException {
    return serviceAccountKey(email, rsaKeys().getPrivate());
  }

  private String serviceAccountKey(String email, PrivateKey key) {
    String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    JsonObject json = new JsonObject();
    json.addProperty("type", "service_account");
    json.addProperty("project_id", "exportkit-test");
    json.addProperty("private_key_id", "test-key");
    json.addProperty("private_key", pem);
    json.addProperty("client_email", email);
    json.addProperty("client_id", "1234567890");
    json.addProperty("token_uri", endpoint() + "/token");
    return json.toString();
  }

  private static KeyPair rsaKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  /** The next {@code count} chunks are answered 503. */
  void answerChunksUnavailable(int count) {
    unavailableToAnswer.set(count);
  }

  /** The next {@code count} chunks are cut off in the middle: the connection closes, with no answer. */
  void dropChunks(int count) {
    dropsToDo.set(count);
  }

  /**
   * Whether to ignore {@code ifGenerationMatch} when an upload finishes, as the Firebase Storage
   * emulator does: an upload then replaces whatever object has its name.
   */
  void ignorePreconditions(boolean ignore) {
    ignorePreconditions = ignore;
  }

  /**
   * The next {@code count} chunks stall: the server reads their first 64 KiB, then neither reads
   * nor answers, keeping the connection open until it closes.
   */
  void stallChunks(int count) {
    stallsToDo.set(count);
  }

  int stallsDone() {
    return stallsDone.get();
  }

  int unavailableAnswered() {
    return unavailableAnswered.get();
  }

  int dropsDone() {
    return dropsDone.get();
  }

  /** How many chunk requests reached the server, status queries left out. */
  int chunks() {
    return chunks.get();
  }

  Optional<byte[]> read(String bucket, String name) throws IOException {
    StoredObject object = objects.get(bucket + "/" + name);
    return object == null ? Optional.empty() : Optional.of(Files.readAllBytes(object.content()));
  }

  /** The object's JSON resource, as a GET answers it. */
  JsonObject describe(String bucket, String name) throws IOException {
    return objects.get(bucket + "/" + name).json();
  }

  /** An object put there by someone else. */
  void put(String bucket, String name, byte[] content) throws IOException {
    Path file = Files.write(Files.createTempFile(folder, "object", ".bin"), content);
    objects.put(bucket + "/" + name, new StoredObject(bucket, name, file, generations.incrementAndGet(),
        "application/octet-stream", new JsonObject()));
  }

  /** Upload sessions started and never finished. */
  long unfinishedSessions() {
    return sessions.values().stream().filter(s -> !s.finished).count();
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      Map<String, String> query = query(exchange.getRequestURI());
      String method = exchange.getRequestMethod();
      if (path.equals("/token") && method.equals("POST")) {
        token(exchange);
      } else if (!authorized(exchange)) {
        error(exchange, 401, "Invalid Credentials");
      } else if (path.startsWith("/upload/storage/v1/b/") && method.equals("POST")) {
        startSession(exchange, path, query);
      } else if (path.startsWith("/upload/storage/v1/b/") && method.equals("PUT")) {
        chunk(exchange, query.get("upload_id"));
      } else if (path.startsWith("/storage/v1/b/") && path.contains("/o/")) {
        object(exchange, path, method, query);
      } else {
        error(exchange, 404, "Not Found: " + method + " " + path);
      }
    }
  }

  private boolean authorized(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    return accounts.isEmpty() || ("Bearer " + TOKEN).equals(authorization);
  }

  /** The OAuth 2 token endpoint: a JWT bearer grant signed with a known service account's key. */
  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String[] jwt = form.getOrDefault("assertion", "").split("\\.");
    boolean valid = false;
    if (jwt.length == 3) {
      JsonObject claims = JsonParser.parseString(
          new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8)).getAsJsonObject();
      PublicKey key = accounts.get(claims.get("iss").getAsString());
      valid = key != null && verifies(key, jwt);
    }
    if (!valid) {
      send(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
      return;
    }
    send(exchange, 200, "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
  }

  private static boolean verifies(PublicKey key, String[] jwt) {
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(key);
      rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
      return rsa.verify(Base64.getUrlDecoder().decode(jwt[2]));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private void startSession(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
    String bucket = URLDecoder.decode(path.split("/")[5], StandardCharsets.UTF_8);
    if (!buckets.contains(bucket)) {
      error(exchange, 404, "The specified bucket does not exist.");
      return;
    }
    byte[] body = exchange.getRequestBody().readAllBytes();
    JsonObject metadata = body.length == 0 ? new JsonObject()
        : JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
    String name = query.containsKey("name") ? query.get("name") : metadata.get("name").getAsString();
    String id = "session-" + sessionIds.incrementAndGet();
    sessions.put(id, new Session(bucket, name, query.get("ifGenerationMatch"), metadata,
        Files.createTempFile(folder, id, ".bin")));
    exchange.getResponseHeaders().add("Location",
        endpoint() + "/upload/storage/v1/b/" + bucket + "/o?uploadType=resumable&upload_id=" + id);
    send(exchange, 200, "");
  }

  private void chunk(HttpExchange exchange, String id) throws IOException {
    Session session = id == null ? null : sessions.get(id);
    if (session == null) {
      error(exchange, 404, "No such upload session");
      return;
    }
    String contentRange = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Range"));
    Matcher range = RANGE.matcher(contentRange);
    Matcher totalOnly = TOTAL_ONLY.matcher(contentRange);
    if (!range.matches() && !totalOnly.matches()) {
      error(exchange, 400, "Bad Content-Range: " + contentRange);
      return;
    }
    boolean hasData = range.matches();
    if (hasData) {
      chunks.incrementAndGet();
      if (unavailableToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        exchange.getRequestBody().readAllBytes();
        unavailableAnswered.incrementAndGet();
        error(exchange, 503, "Service Unavailable");
        return;
      }
      if (stallsToDo.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        exchange.getRequestBody().readNBytes(64 * 1024);
        stallsDone.incrementAndGet();
        try {
          closed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      if (dropsToDo.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        exchange.getRequestBody().readNBytes(64 * 1024);
        dropsDone.incrementAndGet();
        return; // closing the exchange before any answer closes the connection
      }
    }
    synchronized (session) {
      if (hasData) {
        session.append(Long.parseLong(range.group(1)), exchange.getRequestBody());
      }
      String total = hasData ? range.group(3) : totalOnly.group(1);
      if (session.finished || (!total.equals("*") && Long.parseLong(total) == session.size)) {
        finish(exchange, session);
        return;
      }
      if (session.size > 0) {
        exchange.getResponseHeaders().add("Range", "bytes=0-" + (session.size - 1));
      }
      send(exchange, 308, "");
    }
  }

  private void finish(HttpExchange exchange, Session session) throws IOException {
    String key = session.bucket + "/" + session.name;
    if (!session.finished) {
      synchronized (objects) {
        StoredObject existing = objects.get(key);
        long current = existing == null ? 0 : existing.generation();
        if (!ignorePreconditions && session.ifGenerationMatch != null
            && Long.parseLong(session.ifGenerationMatch) != current) {
          error(exchange, 412, "At least one of the pre-conditions you specified did not hold.");
          return;
        }
        String contentType = session.metadata.has("contentType") ? session.metadata.get("contentType").getAsString()
            : "application/octet-stream";
        JsonObject custom = session.metadata.has("metadata") ? session.metadata.getAsJsonObject("metadata") : new JsonObject();
        objects.put(key, new StoredObject(session.bucket, session.name, session.file, generations.incrementAndGet(),
            contentType, custom));
        session.finished = true;
      }
    }
    send(exchange, 200, objects.get(key).json().toString());
  }

  private void object(HttpExchange exchange, String path, String method, Map<String, String> query) throws IOException {
    String[] parts = path.split("/o/", 2);
    String bucket = URLDecoder.decode(parts[0].substring("/storage/v1/b/".length()), StandardCharsets.UTF_8);
    String name = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
    StoredObject object = objects.get(bucket + "/" + name);
    if (object == null) {
      error(exchange, 404, "No such object: " + bucket + "/" + name);
    } else if (method.equals("GET")) {
      send(exchange, 200, object.json().toString());
    } else if (method.equals("DELETE")) {
      String match = query.get("ifGenerationMatch");
      if (match != null && Long.parseLong(match) != object.generation()) {
        error(exchange, 412, "At least one of the pre-conditions you specified did not hold.");
        return;
      }
      objects.remove(bucket + "/" + name);
      send(exchange, 204, "");
    } else {
      error(exchange, 405, "Method not allowed");
    }
  }

  private static void error(HttpExchange exchange, int status, String message) throws IOException {
    send(exchange, status, "{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"errors\":[{\"message\":\""
        + message + "\",\"domain\":\"global\",\"reason\":\"" + (status == 412 ? "conditionNotMet" : "failed") + "\"}]}}");
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

  private static Map<String, String> query(URI uri) {
    return form(uri.getRawQuery() == null ? "" : uri.getRawQuery());
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> values = new ConcurrentHashMap<>();
    for (String pair : encoded.split("&")) {
      String[] keyValue = pair.split("=", 2);
      if (keyValue.length == 2) {
        values.put(URLDecoder.decode(keyValue[0], StandardCharsets.UTF_8), URLDecoder.decode(keyValue[1], StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  private static final class Session {
    final String bucket;
    final String name;
    final String ifGenerationMatch;
    final JsonObject metadata;
    final Path file;
    long size;
    boolean finished;

    Session(String bucket, String name, String ifGenerationMatch, JsonObject metadata, Path file) {
      this.bucket = bucket;
      this.name = name;
      this.ifGenerationMatch = ifGenerationMatch;
      this.metadata = metadata;
      this.file = file;
    }

    /** Keeps the bytes past what was already received, as GCS does when a chunk is sent again. */
    void append(long offset, InputStream body) throws IOException {
      if (offset > size) {
        throw new IOException("chunk at " + offset + " leaves a gap after " + size);
      }
      body.readNBytes((int) (size - offset)); // what the server already has
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
        size += body.transferTo(out);
      }
    }
  }

  private record StoredObject(String bucket, String name, Path content, long generation, String contentType,
      JsonObject metadata) {

    JsonObject json() throws IOException {
      JsonObject json = new JsonObject();
      json.addProperty("kind", "storage#object");
      json.addProperty("id", bucket + "/" + name + "/" + generation);
      json.addProperty("name", name);
      json.addProperty("bucket", bucket);
      json.addProperty("generation", String.valueOf(generation));
      json.addProperty("metageneration", "1");
      json.addProperty("contentType", contentType);
      MessageDigest md5 = md5();
      CRC32C crc = new CRC32C();
      long size = 0;
      try (InputStream in = Files.newInputStream(content)) {
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          md5.update(buffer, 0, n);
          crc.update(buffer, 0, n);
          size += n;
        }
      }
      json.addProperty("size", String.valueOf(size));
      json.addProperty("md5Hash", Base64.getEncoder().encodeToString(md5.digest()));
      json.addProperty("crc32c", Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array()));
      json.addProperty("etag", "CP" + generation + "=");
      json.addProperty("timeCreated", Instant.ofEpochMilli(generation).toString());
      json.addProperty("updated", Instant.ofEpochMilli(generation).toString());
      json.add("metadata", metadata);
      return json;
    }

    private static MessageDigest md5() {
      try {
        return MessageDigest.getInstance("MD5");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
