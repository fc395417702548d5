package io.exportkit.transport.sftp;

import io.exportkit.SecretResolver;
import io.exportkit.spi.Retry;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import java.io.IOException;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSH connection and SFTP session, kept across the uploads of a run and opened again when a
 * failure broke it. A failure that the server did not answer leaves the connection in an unknown
 * state (a reply may still be on its way, a write half sent), so it is dropped at once. Not
 * thread-safe.
 */
final class SftpTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(SftpTransport.class);

  private final SftpOptions options;
  private final SecretResolver secrets;
  private final Retry retry;
  private @Nullable SftpConnection connection;

  private SftpTransport(SftpOptions options, SecretResolver secrets) {
    this.options = options;
    this.secrets = secrets;
    this.retry = new Retry(options.target(), options.maxAttempts(), options.retryBackoff(),
        TransientFailures::isTransient, this::disconnect);
  }

  static SftpTransport open(SftpOptions options, SecretResolver secrets) throws IOException {
    if (options.insecureAcceptAnyHostKey()) {
      log.warn("Delivery to {} accepts any host key (insecureAcceptAnyHostKey=true): anyone on the network path can "
          + "pose as the server and receive the file and the credentials", options.target());
    }
    SftpTransport transport = new SftpTransport(options, secrets);
    transport.call("connecting", transport::sftp);
    return transport;
  }

  SftpOptions options() {
    return options;
  }

  @Override
  public Upload upload(String fileName) throws IOException {
    return new SftpUpload(this, fileName);
  }

  /** Runs {@code step}, again on a new connection after a transient failure. */
  <T> T call(String what, Retry.Step<T> step) throws IOException {
    return retry.call(what, step);
  }

  /** The open SFTP session in a logged-in connection, with the target folder created; connects when there is none. */
  SFTPClient sftp() throws IOException {
    if (connection == null || !connection.isConnected()) {
      disconnect();
      SftpConnection opened = SftpConnection.open(options, secrets);
      try {
        createFolder(opened.sftp());
      } catch (IOException | RuntimeException e) {
        opened.close();
        throw e;
      }
      connection = opened;
    }
    return connection.sftp();
  }

  /** Called with each failure of a step: one the server did not answer leaves the connection unusable. */
  void failed(IOException e) {
    if (!ServerReplies.isAnswer(e)) {
      disconnect();
    }
  }

  /** Drops the connection, whose state is no longer known after a failure. */
  void disconnect() {
    SftpConnection dropped = connection;
    connection = null;
    if (dropped != null) {
      dropped.abandon();
    }
  }

  /** A step on an SFTP session. */
  @FunctionalInterface
  interface SessionStep {
    void run(SFTPClient sftp) throws IOException;
  }

  /**
   * Runs {@code step} once on the open connection if there is one, else on a connection opened
   * for it and closed after: cleaning up never leaves a connection behind, and never waits on a
   * connection that a failure broke.
   */
  void cleanUp(SessionStep step) throws IOException {
    if (connection != null && connection.isConnected()) {
      try {
        step.run(connection.sftp());
      } catch (IOException e) {
        failed(e);
        throw e;
      }
      return;
    }
    SftpConnection once = SftpConnection.open(options, secrets);
    try {
      step.run(once.sftp());
    } catch (IOException | RuntimeException e) {
      once.abandon();
      throw e;
    }
    once.close();
  }

  @Override
  public void close() {
    SftpConnection closing = connection;
    connection = null;
    if (closing != null) {
      closing.close();
    }
  }

  /**
   * Creates the target folder and the missing ones above it. A folder that another run created in
   * the meantime is no failure: after a refused mkdir, the folder is looked at again.
   */
  private void createFolder(SFTPClient sftp) throws IOException {
    String folder = options.folder();
    if (folder.isEmpty() || folder.equals("/")) {
      return;
    }
    for (int end = folder.indexOf('/', 1); ; end = folder.indexOf('/', end + 1)) {
      String path = end < 0 ? folder : folder.substring(0, end);
      FileAttributes existing = sftp.statExistence(path);
      if (existing == null) {
        try {
          sftp.mkdir(path);
        } catch (SFTPException e) {
          existing = sftp.statExistence(path);
          if (existing == null) {
            throw ServerReplies.explain(e, "create the folder", path, options, sftp);
          }
        }
      }
      if (existing != null && existing.getType() != FileMode.Type.DIRECTORY) {
        throw new IOException(ServerReplies.absolute(path, options, sftp) + " is a file on the server, not a folder: "
            + "deliver to another folder, or have the file moved away");
      }
      if (end < 0) {
        return;
      }
    }
  }
}
