package io.exportkit.transport.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback in front of a server, which fails one connection in the middle of a
 * request once the clients have sent a given number of bytes through it: it either cuts the
 * connection (a connection dropped by the network) or stalls it, reading and forwarding nothing
 * more in either direction while keeping it open (a peer that stops reading mid-upload).
 */
final class FaultyRelay implements AutoCloseable {
  private final ServerSocket listener;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final URI target;
  private final long failAt;
  private final boolean stall;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicBoolean failed = new AtomicBoolean();
  private final AtomicInteger connections = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);

  private FaultyRelay(URI target, long failAt, boolean stall) throws IOException {
    this.target = target;
    this.failAt = failAt;
    this.stall = stall;
    listener = new ServerSocket();
    // A small receive window, so that a client writing to a stalled connection blocks soon.
    listener.setReceiveBufferSize(64 * 1024);
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    threads.execute(this::accept);
  }

  /** Relays to {@code target}, cutting the connection that carries byte {@code dropAt}. */
  static FaultyRelay dropping(URI target, long dropAt) throws IOException {
    return new FaultyRelay(target, dropAt, false);
  }

  /** Relays to {@code target}, stalling the connection that carries byte {@code stallAt} until closed. */
  static FaultyRelay stalling(URI target, long stallAt) throws IOException {
    return new FaultyRelay(target, stallAt, true);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  /** Whether a connection was cut or stalled. */
  boolean failed() {
    return failed.get();
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
        AtomicBoolean stalled = new AtomicBoolean();
        threads.execute(() -> pump(client, server, true, stalled));
        threads.execute(() -> pump(server, client, false, stalled));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void pump(Socket from, Socket to, boolean upstream, AtomicBoolean stalled) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (upstream && sent.addAndGet(n) >= failAt && failed.compareAndSet(false, true)) {
          if (!stall) {
            from.close();
            to.close();
            return;
          }
          stalled.set(true);
        }
        if (stalled.get()) {
          break;
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // the other direction closed the sockets
    } finally {
      if (stalled.get()) {
        awaitClose(); // reads and forwards nothing more, and keeps the connection open, whatever the server does
      }
      close(from);
      close(to);
    }
  }

  private void awaitClose() {
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
    closed.countDown();
    listener.close();
    threads.shutdownNow();
  }
}
