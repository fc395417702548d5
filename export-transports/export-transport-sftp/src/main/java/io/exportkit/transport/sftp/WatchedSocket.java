package io.exportkit.transport.sftp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A socket whose writes cannot block for longer than a timeout: a write that a silent peer has
 * not drained for that long closes the socket, which ends the write (and the connection) with a
 * {@link java.net.SocketException}. Java bounds socket reads ({@code SO_TIMEOUT}) but not writes.
 * A daemon thread watches while the socket is connected and ends when it is closed.
 */
final class WatchedSocket extends Socket {
  private static final Logger log = LoggerFactory.getLogger(WatchedSocket.class);

  private final long timeoutNanos;
  private volatile long writingSince; // System.nanoTime() when the pending write began; 0: none
  private volatile boolean stalled;
  private @Nullable OutputStream out;

  private WatchedSocket(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  @Override
  public void connect(SocketAddress endpoint, int timeout) throws IOException {
    super.connect(endpoint, timeout);
    Thread watchdog = new Thread(this::watch, "exportkit-sftp-write-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  @Override
  public synchronized OutputStream getOutputStream() throws IOException {
    if (out == null) {
      out = new FilterOutputStream(super.getOutputStream()) {
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          writingSince = System.nanoTime() | 1; // never 0
          try {
            super.out.write(b, off, len);
          } catch (IOException e) {
            throw stalled ? new java.net.SocketTimeoutException(
                "the server did not take the data for " + Duration.ofNanos(timeoutNanos).toMillis() + " ms (readTimeout)") : e;
          } finally {
            writingSince = 0;
          }
        }
      };
    }
    return out;
  }

  private void watch() {
    long tick = Math.max(10, Math.min(1000, Duration.ofNanos(timeoutNanos).toMillis() / 4));
    while (!isClosed()) {
      try {
        Thread.sleep(tick);
      } catch (InterruptedException e) {
        return;
      }
      long since = writingSince;
      if (since != 0 && System.nanoTime() - since > timeoutNanos) {
        stalled = true;
        log.debug("A write to {} has not moved for {}; closing the connection", getRemoteSocketAddress(),
            Duration.ofNanos(timeoutNanos));
        try {
          close();
        } catch (IOException e) {
          return;
        }
      }
    }
  }

  /** Makes unconnected watched sockets, as SSHJ asks for them. */
  static final class Factory extends SocketFactory {
    private final Duration timeout;

    Factory(Duration timeout) {
      this.timeout = timeout;
    }

    @Override
    public Socket createSocket() {
      return new WatchedSocket(timeout);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(SocketAddress address) throws IOException {
      Socket socket = createSocket();
      socket.connect(address);
      return socket;
    }

    private Socket connected(SocketAddress address, SocketAddress local) throws IOException {
      Socket socket = createSocket();
      socket.bind(local);
      socket.connect(address);
      return socket;
    }
  }
}
