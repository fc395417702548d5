package io.exportkit.transport.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback in front of a server, which cuts one connection in the middle of a
 * request once the clients have sent a given number of bytes through it: a connection dropped by
 * the network, mid-upload.
 */
final class DroppingRelay implements AutoCloseable {
  private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final URI target;
  private final long dropAt;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicBoolean dropped = new AtomicBoolean();
  private final AtomicInteger connections = new AtomicInteger();

  /** Relays to {@code target}, cutting the connection that carries byte {@code dropAt}. */
  DroppingRelay(URI target, long dropAt) throws IOException {
    this.target = target;
    this.dropAt = dropAt;
    threads.execute(this::accept);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  boolean dropped() {
    return dropped.get();
  }

  int connections() {
    return connections.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(target.getHost(), target.getPort());
        connections.incrementAndGet();
        threads.execute(() -> pump(client, server, true));
        threads.execute(() -> pump(server, client, false));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void pump(Socket from, Socket to, boolean upstream) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (upstream && sent.addAndGet(n) >= dropAt && dropped.compareAndSet(false, true)) {
          from.close();
          to.close();
          return;
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // the other direction closed the sockets
    } finally {
      close(from);
      close(to);
    }
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    threads.shutdownNow();
  }
}
