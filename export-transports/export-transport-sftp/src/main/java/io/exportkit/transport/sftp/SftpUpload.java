package io.exportkit.transport.sftp;

import io.exportkit.spi.Delivered;
import io.exportkit.spi.Upload;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.util.EnumSet;
import java.util.UUID;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.RenameFlags;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file on its way: written under a hidden temporary name in the target folder, straight from
 * the stream with pipelined writes, then checked (its size) and renamed on commit, or removed on
 * abort.
 *
 * <p>Without overwriting, the plain SFTP rename is used: the protocol has it fail when the name is
 * taken (OpenSSH links the file, which refuses an existing name atomically). With overwriting,
 * {@code posix-rename@openssh.com} replaces the old file atomically where the server offers it;
 * where it does not, the old file is moved aside first, so its name is briefly absent, never
 * partial, and this is logged at WARN.
 *
 * <p>Abort removes the temporary file on the transport's connection if it is sound, else on a new
 * connection opened for the purpose and closed after (a failure that broke the connection, a cut
 * during commit), and logs at WARN when even that fails. Not thread-safe.
 */
final class SftpUpload implements Upload {
  private static final Logger log = LoggerFactory.getLogger(SftpUpload.class);
  private static final int UNCONFIRMED_WRITES = 16;

  private final SftpTransport transport;
  private final String name;
  private final String target;
  private final String temp;
  private final WriteStream writes;
  private boolean renameSent;
  private boolean done;

  SftpUpload(SftpTransport transport, String name) throws IOException {
    this.transport = transport;
    this.name = name;
    this.target = transport.options().path(name);
    this.temp = transport.options().path("." + name + "." + UUID.randomUUID().toString().substring(0, 8) + ".part");
    this.writes = transport.call("opening the upload of " + name, () -> {
      SFTPClient sftp = transport.sftp();
      RemoteFile file;
      try {
        file = sftp.open(temp, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.EXCL));
      } catch (SFTPException e) {
        transport.failed(e);
        throw ServerReplies.isAnswer(e) ? ServerReplies.explain(e, "create the file", temp, transport.options(), sftp) : e;
      }
      int packet = sftp.getSFTPEngine().getSubsystem().getRemoteMaxPacketSize() - file.getOutgoingPacketOverhead();
      return new WriteStream(file, packet);
    });
  }

  @Override
  public OutputStream stream() {
    return writes;
  }

  @Override
  public Delivered commit() throws IOException {
    if (done) {
      throw new IllegalStateException("upload of " + name + " already ended");
    }
    try {
      writes.close();
      Delivered delivered = transport.call("committing " + name, () -> {
        try {
          return publish();
        } catch (IOException e) {
          transport.failed(e);
          throw e;
        }
      });
      done = true;
      log.debug("Delivered {} ({} bytes)", delivered.location(), delivered.size());
      return delivered;
    } catch (IOException | RuntimeException e) {
      abort();
      throw e;
    }
  }

  private Delivered publish() throws IOException {
    SFTPClient sftp = transport.sftp();
    SftpOptions options = transport.options();
    FileAttributes written = sftp.statExistence(temp);
    if (written == null) {
      FileAttributes published = renameSent ? sftp.statExistence(target) : null;
      if (published != null && published.getSize() == writes.count) {
        return new Delivered(options.location(name), writes.count); // renamed by the last attempt, whose reply was lost
      }
      throw new IOException("the uploaded file " + temp + " is no longer on the server");
    }
    if (written.getSize() != writes.count) {
      throw new IOException("the server holds " + written.getSize() + " bytes of " + name + " but " + writes.count
          + " were sent");
    }
    if (options.overwrite()) {
      try {
        replace(sftp);
      } catch (SFTPException e) {
        throw ServerReplies.isAnswer(e) ? ServerReplies.explain(e, "replace", target, options, sftp) : e;
      }
    } else {
      if (sftp.statExistence(target) != null) {
        throw taken();
      }
      renameSent = true;
      try {
        sftp.rename(temp, target);
      } catch (SFTPException e) {
        if (sftp.statExistence(target) != null) {
          throw taken();
        }
        throw ServerReplies.isAnswer(e) ? ServerReplies.explain(e, "rename " + temp + " to", target, options, sftp) : e;
      }
    }
    return new Delivered(options.location(name), written.getSize());
  }

  private void replace(SFTPClient sftp) throws IOException {
    renameSent = true;
    if (sftp.getSFTPEngine().supportsServerExtension("posix-rename", "openssh.com")) {
      sftp.rename(temp, target, EnumSet.of(RenameFlags.OVERWRITE, RenameFlags.ATOMIC)); // posix-rename@openssh.com
      return;
    }
    if (sftp.statExistence(target) == null) {
      sftp.rename(temp, target);
      return;
    }
    log.warn("The SFTP server of {} offers no posix-rename@openssh.com: replacing {} by moving the old file aside first "
        + "(the name is briefly absent, never partial)", transport.options().target(), name);
    String aside = transport.options().path("." + name + "." + UUID.randomUUID().toString().substring(0, 8) + ".old");
    sftp.rename(target, aside);
    try {
      sftp.rename(temp, target);
    } catch (IOException e) {
      try {
        sftp.rename(aside, target);
      } catch (IOException restoring) {
        log.warn("Could not put the old {} back at {}; it is kept as {}", name, transport.options().target(), aside);
        e.addSuppressed(restoring);
      }
      throw e;
    }
    try {
      sftp.rm(aside);
    } catch (IOException e) {
      log.warn("Replaced {} at {}, but could not delete the old file, kept as {}", name, transport.options().target(),
          aside, e);
    }
  }

  private FileAlreadyExistsException taken() {
    return new FileAlreadyExistsException(name, null,
        "a file with this name exists; " + NAME_TAKEN_HINT);
  }

  @Override
  public void abort() {
    if (done) {
      return;
    }
    done = true;
    writes.closeQuietly();
    try {
      transport.cleanUp(sftp -> {
        if (sftp.statExistence(temp) != null) {
          sftp.rm(temp);
        }
      });
    } catch (IOException | RuntimeException e) {
      log.warn("Could not remove the temporary file {} of an aborted upload to {}; nothing is visible under {}: {}",
          temp, transport.options().target(), name, e.toString());
    }
  }

  @Override
  public void close() {
    abort();
  }

  /**
   * Pipelined SFTP writes of exactly one packet each (the last excepted), counting what is sent:
   * a write that straddled packets would cost a nearly empty request and a slot in the pipeline.
   * Closing sends the rest and waits for every acknowledgement.
   */
  private final class WriteStream extends OutputStream {
    private final RemoteFile file;
    private final OutputStream out;
    private final byte[] packet;
    private int filled;
    private long count;
    private boolean closed;
    private boolean broken;

    WriteStream(RemoteFile file, int packetSize) {
      this.file = file;
      this.out = file.new RemoteFileOutputStream(0, UNCONFIRMED_WRITES);
      this.packet = new byte[packetSize];
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        send(b, off, len);
      } catch (IOException e) {
        failed(e);
        throw e;
      }
    }

    private void failed(IOException e) {
      broken = true;
      transport.failed(e);
    }

    private void send(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (filled == 0 && len >= packet.length) {
          out.write(b, off, packet.length); // a whole packet straight from the caller's array
          count += packet.length;
          off += packet.length;
          len -= packet.length;
          continue;
        }
        int n = Math.min(len, packet.length - filled);
        System.arraycopy(b, off, packet, filled, n);
        filled += n;
        off += n;
        len -= n;
        if (filled == packet.length) {
          sendPacket();
        }
      }
    }

    private void sendPacket() throws IOException {
      out.write(packet, 0, filled);
      count += filled;
      filled = 0;
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (filled > 0) {
          sendPacket();
        }
        out.close();
        file.close();
      } catch (IOException e) {
        failed(e);
        throw e;
      }
    }

    /**
     * Ends the write without sending what is still buffered: the file is about to be removed. After
     * a failure the handle is left to the dropped connection, whose end closes it on the server:
     * waiting for replies on a broken connection would only add timeouts.
     */
    void closeQuietly() {
      filled = 0;
      if (broken) {
        closed = true;
        return;
      }
      try {
        close();
      } catch (IOException | RuntimeException e) {
        log.debug("Closing {} at {} failed", temp, transport.options().target(), e);
      }
    }
  }
}
