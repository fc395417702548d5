package io.exportkit.transport.ftp;

import io.exportkit.spi.Delivered;
import io.exportkit.spi.Upload;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.FileAlreadyExistsException;
import java.util.Objects;
import java.util.UUID;
import org.apache.commons.net.ftp.FTPClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file on its way: stored under a hidden temporary name in the target folder, straight from
 * the stream, then checked (SIZE) and renamed (RNFR/RNTO) on commit, or deleted on abort.
 *
 * <p>FTP has no rename that refuses an existing name, so when overwriting is not allowed the final
 * name is checked just before the rename: another client creating that very name in between
 * would be replaced. Not thread-safe.
 */
final class FtpUpload implements Upload {
  private static final Logger log = LoggerFactory.getLogger(FtpUpload.class);

  private final FtpTransport transport;
  private final String name;
  private final String temp;
  private final DataStream stream;
  private boolean renameSent;
  private boolean done;

  FtpUpload(FtpTransport transport, String name) throws IOException {
    this.transport = transport;
    this.name = name;
    this.temp = "." + name + "." + UUID.randomUUID().toString().substring(0, 8) + ".part";
    this.stream = transport.call("opening the upload of " + name, () -> {
      FTPClient c = transport.client();
      OutputStream data = c.storeFileStream(temp);
      if (data == null) {
        throw transport.refused(c, "the server refused to store a file in " + transport.folder(),
            "check that the user may write in " + transport.folder() + " and that the server has room");
      }
      Socket socket = ((FtpClients.DataSockets) c).dataSocket();
      return new DataStream(c, data, WriteWatchdog.watch(Objects.requireNonNull(socket, "data socket"),
          transport.options().readTimeout()));
    });
  }

  @Override
  public OutputStream stream() {
    return stream;
  }

  @Override
  public Delivered commit() throws IOException {
    if (done) {
      throw new IllegalStateException("upload of " + name + " already ended");
    }
    try {
      stream.close();
      Delivered delivered = transport.call("committing " + name, this::publish);
      done = true;
      log.debug("Delivered {} ({} bytes)", delivered.location(), delivered.size());
      return delivered;
    } catch (IOException | RuntimeException e) {
      abort();
      throw e;
    }
  }

  private Delivered publish() throws IOException {
    FTPClient c = transport.client();
    FtpOptions options = transport.options();
    long size = transport.size(c, temp);
    if (size < 0) {
      if (renameSent && transport.size(c, name) == stream.count) {
        return new Delivered(options.location(name), stream.count); // renamed by the last attempt, whose reply was lost
      }
      throw new IOException("the uploaded file " + temp + " is no longer in " + transport.folder() + " on the server");
    }
    if (size != stream.count) {
      throw new IOException("the server holds " + size + " bytes of " + name + " but " + stream.count + " were sent");
    }
    if (!options.overwrite() && transport.size(c, name) >= 0) {
      throw new FileAlreadyExistsException(name, null, "a file with this name exists in " + transport.folder()
          + "; " + NAME_TAKEN_HINT);
    }
    renameSent = true;
    if (!c.rename(temp, name)) {
      if (!options.overwrite() || transport.size(c, name) < 0) {
        throw transport.refused(c, "the server refused to rename " + temp + " to " + name + " in " + transport.folder(),
            "check that the user may rename files there");
      }
      replaceAside(c);
    }
    return new Delivered(options.location(name), size);
  }

  /**
   * Replaces {@code name} on a server that refuses to rename over an existing file (Apache
   * FtpServer, IIS): the old file is moved aside first, so the name is briefly absent, never partial,
   * and the old file comes back if the new one cannot take its place.
   */
  private void replaceAside(FTPClient c) throws IOException {
    String aside = "." + name + "." + UUID.randomUUID().toString().substring(0, 8) + ".old";
    if (!c.rename(name, aside)) {
      throw transport.refused(c, "the server refused to move the old " + name + " aside to replace it", "");
    }
    if (!c.rename(temp, name)) {
      IOException failure = transport.refused(c, "the server refused to rename " + temp + " to " + name, "");
      if (!c.rename(aside, name)) {
        log.warn("Could not put the old {} back at {}; it is kept as {}", name, transport.options().target(), aside);
      }
      throw failure;
    }
    if (!c.deleteFile(aside)) {
      log.warn("Replaced {} at {}, but could not delete the old file, kept as {}", name, transport.options().target(), aside);
    }
    log.debug("Replaced {} at {} by moving the old file aside first", name, transport.options().target());
  }

  @Override
  public void abort() {
    if (done) {
      return;
    }
    done = true;
    stream.closeQuietly();
    try {
      transport.cleanUp(c -> {
        if (!c.deleteFile(temp) && transport.size(c, temp) >= 0) {
          throw transport.refused(c, "the server refused to delete " + temp, "");
        }
      });
    } catch (IOException | RuntimeException e) {
      transport.disconnect();
      log.warn("Could not remove the temporary file {} of an aborted upload to {}; nothing is visible under {}: {}",
          ControlCharacters.escape(temp), transport.options().target(), ControlCharacters.escape(name),
          ControlCharacters.escape(e.toString()));
    }
  }

  @Override
  public void close() {
    abort();
  }

  /**
   * The data connection, counting what is sent; a write the server does not take within the read
   * timeout fails (see {@link WriteWatchdog}). Closing it ends the transfer and reads the server's verdict.
   */
  private final class DataStream extends OutputStream {
    private final FTPClient client;
    private final OutputStream out;
    private final WriteWatchdog.Watch watch;
    private long count;
    private boolean closed;

    DataStream(FTPClient client, OutputStream out, WriteWatchdog.Watch watch) {
      this.client = client;
      this.out = out;
      this.watch = watch;
      transport.transferring(true);
    }

    @Override
    public void write(int b) throws IOException {
      watched(() -> out.write(b));
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      watched(() -> out.write(b, off, len));
      count += len;
    }

    @Override
    public void flush() throws IOException {
      watched(out::flush);
    }

    private void watched(Write write) throws IOException {
      watch.begin();
      try {
        write.run();
      } catch (IOException e) {
        throw watch.expired() ? watch.timedOut(e) : e;
      } finally {
        watch.end();
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        watched(out::close); // sends what the buffer still holds
        if (!client.completePendingCommand()) {
          throw transport.refused(client, "the server did not store " + temp + " completely", "");
        }
      } catch (IOException | RuntimeException e) {
        transport.disconnect(); // the control connection's state is no longer known
        throw e;
      } finally {
        watch.close();
        transport.transferring(false);
      }
    }

    /** One write to the data connection. */
    private interface Write {
      void run() throws IOException;
    }

    void closeQuietly() {
      try {
        close();
      } catch (IOException | RuntimeException e) {
        log.debug("Ending the transfer of {} to {} failed", temp, transport.options().target(), e);
      }
    }
  }
}
