package io.exportkit.benchmarks.transport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The GCS JSON API's resumable upload on loopback, keeping only each object's size and CRC32C: the
 * bytes are read and dropped, so the benchmark's heap holds what the clients hold. Unauthenticated;
 * no preconditions: for throughput only.
 */
final class DiscardingGcsServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)|bytes \\*/(\\d+|\\*)");

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, Received> sessions = new ConcurrentHashMap<>();
  private final Map<String, Received> objects = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  DiscardingGcsServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      String query = String.valueOf(exchange.getRequestURI().getRawQuery());
      String method = exchange.getRequestMethod();
      if (method.equals("POST") && path.startsWith("/upload/")) {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher name = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        String id = "s" + ids.incrementAndGet();
        sessions.put(id, new Received(name.find() ? name.group(1) : "unnamed"));
        exchange.getResponseHeaders().add("Location", endpoint() + path + "?uploadType=resumable&upload_id=" + id);
        exchange.sendResponseHeaders(200, -1);
      } else if (method.equals("PUT") && path.startsWith("/upload/")) {
        chunk(exchange, sessions.get(query.replaceAll(".*upload_id=", "")));
      } else if (path.contains("/o/")) {
        Received object = objects.get(path.substring(path.indexOf("/o/") + 3).replace("%2F", "/"));
        if (object == null) {
          exchange.sendResponseHeaders(404, -1);
        } else if (method.equals("DELETE")) {
          exchange.sendResponseHeaders(204, -1);
        } else {
          json(exchange, object);
        }
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
    }
  }

  private void chunk(HttpExchange exchange, Received session) throws IOException {
    Matcher range = RANGE.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Range")));
    if (session == null || !range.matches()) {
      exchange.sendResponseHeaders(400, -1);
      return;
    }
    session.consume(exchange.getRequestBody());
    String total = range.group(3) != null ? range.group(3) : range.group(4);
    if (!total.equals("*") && Long.parseLong(total) == session.size) {
      objects.put(session.name, session);
      json(exchange, session);
      return;
    }
    if (session.size > 0) {
      exchange.getResponseHeaders().add("Range", "bytes=0-" + (session.size - 1));
    }
    exchange.sendResponseHeaders(308, -1);
  }

  private static void json(HttpExchange exchange, Received object) throws IOException {
    String crc = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) object.crc32c.getValue()).array());
    byte[] json = ("{\"kind\":\"storage#object\",\"bucket\":\"bench\",\"name\":\"" + object.name + "\",\"generation\":\"1\","
        + "\"metageneration\":\"1\",\"size\":\"" + object.size + "\",\"crc32c\":\"" + crc + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, json.length);
    exchange.getResponseBody().write(json);
  }

  private static final class Received {
    final String name;
    final CRC32C crc32c = new CRC32C();
    long size;

    Received(String name) {
      this.name = name;
    }

    synchronized void consume(InputStream body) throws IOException {
      byte[] buffer = new byte[64 * 1024];
      for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
        crc32c.update(buffer, 0, n);
        size += n;
      }
    }
  }
}
