package io.exportkit.transport.ftp;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLException;
import org.apache.commons.net.ftp.FTPConnectionClosedException;

/**
 * Which failures of an FTP delivery may go away when tried again: a refused or dropped connection,
 * a timeout, an FTP 4xx reply. Login refused, a certificate refused and 5xx replies are permanent.
 */
final class TransientFailures {
  private TransientFailures() {
  }

  static boolean isTransient(IOException e) {
    if (e instanceof FtpReplyException reply) {
      return reply.code() >= 400 && reply.code() < 500;
    }
    if (e instanceof SSLException) {
      // A certificate refused during the handshake is permanent; a connection lost during it is not.
      return e.getCause() instanceof SocketException || e.getCause() instanceof EOFException;
    }
    return e instanceof FTPConnectionClosedException || e instanceof ConnectException || e instanceof SocketTimeoutException
        || e instanceof SocketException || e instanceof EOFException;
  }
}
