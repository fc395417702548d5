package io.exportkit.transport.sftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A TCP proxy on loopback in front of a test server. {@link #stallOpenConnections()} makes the
 * connections open at that moment stop forwarding and stop reading, in both directions, without
 * closing them: the peer sees a network path that went silent (a dead NAT entry, a hung middlebox).
 * Connections accepted later are forwarded normally.
 */
final class StallingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  StallingProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "stalling-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Silences every connection open now; they stay open until {@link #close()}. */
  void stallOpenConnections() {
    links.forEach(link -> link.stalled = true);
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        Link link = new Link(client, server);
        links.add(link);
        link.pump(client, server, "up");
        link.pump(server, client, "down");
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Link link : links) {
      link.close();
    }
  }

  private static final class Link {
    private final Socket client;
    private final Socket server;
    private final CountDownLatch closed = new CountDownLatch(1);
    volatile boolean stalled;

    Link(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void pump(Socket from, Socket to, String direction) {
      Thread thread = new Thread(() -> {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
          for (int n; !stalled && (n = in.read(buffer)) >= 0; ) {
            if (stalled) {
              break; // read but never forwarded: the path went silent mid-packet
            }
            out.write(buffer, 0, n);
          }
          if (stalled) {
            closed.await(); // neither read nor forward any more, and keep the sockets open
          }
        } catch (IOException | InterruptedException e) {
          // the link is closing
        } finally {
          close();
        }
      }, "stalling-proxy-" + direction);
      thread.setDaemon(true);
      thread.start();
    }

    void close() {
      closed.countDown();
      try {
        client.close();
        server.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }
}
