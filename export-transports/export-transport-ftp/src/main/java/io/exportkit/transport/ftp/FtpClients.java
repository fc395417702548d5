package io.exportkit.transport.ftp;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPSClient;
import org.jspecify.annotations.Nullable;

/**
 * The Commons Net clients of the transport. Every command goes through
 * {@code sendCommand(String, String)}, so that is where an argument holding CR, LF or NUL is
 * refused; and each data connection's socket is kept, for the {@link WriteWatchdog}.
 */
final class FtpClients {
  private FtpClients() {
  }

  /** A client that knows the socket of its latest data connection. */
  interface DataSockets {
    /** The socket of the data connection opened last, or {@code null} before the first. */
    @Nullable Socket dataSocket();
  }

  static FTPClient plain() {
    return new Plain();
  }

  static FTPSClient tls(boolean implicit, SSLContext context) {
    return new Tls(implicit, context);
  }

  private static final class Plain extends FTPClient implements DataSockets {
    private @Nullable Socket dataSocket;

    @Override
    public int sendCommand(String command, @Nullable String args) throws IOException {
      ControlCharacters.refuseInArgument(command, args);
      return super.sendCommand(command, args);
    }

    @Override
    protected @Nullable Socket _openDataConnection_(String command, @Nullable String arg) throws IOException {
      ControlCharacters.refuseInArgument(command, arg); // before a data connection is opened for nothing
      dataSocket = super._openDataConnection_(command, arg);
      return dataSocket;
    }

    @Override
    public @Nullable Socket dataSocket() {
      return dataSocket;
    }
  }

  private static final class Tls extends FTPSClient implements DataSockets {
    private @Nullable Socket dataSocket;

    Tls(boolean implicit, SSLContext context) {
      super(implicit, context);
    }

    @Override
    public int sendCommand(String command, @Nullable String args) throws IOException {
      ControlCharacters.refuseInArgument(command, args);
      return super.sendCommand(command, args);
    }

    @Override
    protected @Nullable Socket _openDataConnection_(String command, @Nullable String arg) throws IOException {
      ControlCharacters.refuseInArgument(command, arg);
      dataSocket = super._openDataConnection_(command, arg);
      return dataSocket;
    }

    @Override
    public @Nullable Socket dataSocket() {
      return dataSocket;
    }
  }
}
