package io.exportkit.transport.sftp;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPException;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;

/**
 * Which failures of an SFTP delivery may go away when tried again: a refused or dropped connection,
 * a timeout. Login refused, a host key refused and permission denied are permanent.
 */
final class TransientFailures {
  private TransientFailures() {
  }

  static boolean isTransient(IOException e) {
    if (e instanceof UserAuthException || e instanceof HostKeyCheck.HostKeyException) {
      return false;
    }
    if (e instanceof SFTPException sftp) {
      return sftp.getStatusCode() == Response.StatusCode.NO_CONNECTION
          || sftp.getStatusCode() == Response.StatusCode.CONNECITON_LOST || sftp.getCause() instanceof TimeoutException;
    }
    if (e instanceof TransportException transport) {
      return transport.getDisconnectReason() != DisconnectReason.HOST_KEY_NOT_VERIFIABLE;
    }
    return e instanceof ConnectionException || e instanceof ConnectException || e instanceof SocketTimeoutException
        || e instanceof SocketException || e instanceof EOFException;
  }
}
