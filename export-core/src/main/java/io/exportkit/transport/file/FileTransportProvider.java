package io.exportkit.transport.file;

import io.exportkit.Destination;
import io.exportkit.SecretResolver;
import io.exportkit.spi.Delivered;
import io.exportkit.spi.DestinationOptionReader;
import io.exportkit.spi.Transport;
import io.exportkit.spi.TransportProvider;
import io.exportkit.spi.Upload;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to a folder of the local file system: {@code file:exports} (relative to the working
 * directory) or {@code file:///srv/exports}. The folder is created when missing.
 *
 * <p>Atomic: bytes go to a hidden temporary file in the target folder, synced to disk, then linked
 * under the final name in one step that fails if the name is taken (or moved over it when the
 * destination allows overwriting). An aborted upload deletes the temporary file.
 *
 * <p>Stateless and thread-safe; always available, without discovery.
 */
public final class FileTransportProvider implements TransportProvider {
  private static final Logger log = LoggerFactory.getLogger(FileTransportProvider.class);
  /** The options it reads: none yet; any other is refused at create, never ignored. */
  private static final Set<String> OPTIONS = Set.of();

  @Override
  public String id() {
    return "file";
  }

  @Override
  public List<String> validate(Destination destination, SecretResolver secrets) {
    DestinationOptionReader read = new DestinationOptionReader(destination);
    URI uri = destination.uri();
    String part = uri.isOpaque() ? uri.getRawSchemeSpecificPart() : uri.getRawQuery();
    if ((part != null && (uri.isOpaque() ? part.contains("?") : !part.isEmpty())) || uri.getRawFragment() != null) {
      // A query would otherwise become part of the folder's name, or be ignored.
      read.problem("file: destinations take no query or fragment, and no options: remove what follows '?' or '#' in "
          + uri);
    } else {
      try {
        folder(uri);
      } catch (IllegalArgumentException e) {
        read.problem(e.getMessage());
      }
    }
    read.rejectUnknown(id(), OPTIONS, Set.of());
    return read.problems();
  }

  @Override
  public Transport open(Destination destination, SecretResolver secrets) {
    Path folder = folder(destination.uri());
    boolean overwrite = destination.overwrite();
    return new Transport() {
      @Override
      public Upload upload(String fileName) throws IOException {
        return new FileUpload(folder, fileName, overwrite);
      }

      @Override
      public void close() {
        // Nothing held between uploads.
      }
    };
  }

  /** The folder a {@code file:} URI names. */
  public static Path folder(URI uri) {
    if (!"file".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("not a file: URI: " + uri);
    }
    try {
      if (uri.isOpaque()) {
        String path = uri.getSchemeSpecificPart();
        if (path == null || path.isEmpty()) {
          throw new IllegalArgumentException("file: destination names no folder: " + uri);
        }
        return Path.of(path);
      }
      if (uri.getAuthority() != null) {
        throw new IllegalArgumentException("file: destination must be local, without a host: " + uri);
      }
      return Path.of(uri);
    } catch (InvalidPathException | java.nio.file.FileSystemNotFoundException e) {
      throw new IllegalArgumentException("file: destination is not a valid path: " + uri + " (" + e.getMessage() + ")", e);
    }
  }

  private static final class FileUpload implements Upload {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final CountingStream stream;
    private final boolean overwrite;
    private boolean done;

    FileUpload(Path folder, String fileName, boolean overwrite) throws IOException {
      Files.createDirectories(folder);
      this.target = folder.resolve(fileName);
      if (!target.getParent().equals(folder) || target.getFileName().toString().startsWith(".")) {
        throw new IllegalArgumentException("file name must be a plain, visible name: " + fileName);
      }
      this.temp = folder.resolve("." + fileName + "." + UUID.randomUUID().toString().substring(0, 8) + ".part");
      this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      this.stream = new CountingStream(Channels.newOutputStream(channel));
      this.overwrite = overwrite;
    }

    @Override
    public OutputStream stream() {
      return stream;
    }

    @Override
    public Delivered commit() throws IOException {
      if (done) {
        throw new IllegalStateException("upload of " + target.getFileName() + " already ended");
      }
      try {
        channel.force(true);
        channel.close();
        long size = Files.size(temp);
        if (size != stream.count) {
          throw new IOException("wrote " + stream.count + " bytes but " + temp + " holds " + size);
        }
        publish();
        done = true;
        log.debug("Delivered {} ({} bytes)", target, size);
        return new Delivered(target.toAbsolutePath().toUri(), size);
      } catch (IOException | RuntimeException e) {
        abort();
        throw e;
      }
    }

    private void publish() throws IOException {
      if (overwrite) {
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return;
      }
      boolean linked;
      try {
        // A hard link is created atomically and refuses an existing name: no window in which a
        // concurrent run's file could be replaced. A rename would silently replace it.
        Files.createLink(target, temp);
        linked = true;
      } catch (FileAlreadyExistsException e) {
        throw new FileAlreadyExistsException(target.toString(), null, "a file with this name exists; " + NAME_TAKEN_HINT);
      } catch (UnsupportedOperationException | IOException e) {
        linked = false;
      }
      if (linked) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          log.warn("Delivered {}, but could not remove its temporary link {}", target, temp, e);
        }
      } else {
        // File systems without hard links: a move without REPLACE_EXISTING still refuses an existing name.
        Files.move(temp, target);
      }
    }

    @Override
    public void abort() {
      if (done) {
        return;
      }
      done = true;
      try {
        channel.close();
      } catch (IOException e) {
        log.debug("Closing {} failed", temp, e);
      }
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        log.warn("Could not delete the temporary file {} of an aborted upload", temp, e);
      }
    }

    @Override
    public void close() {
      abort();
    }
  }

  private static final class CountingStream extends FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    /** Leaves the channel open: commit() syncs and closes it, abort() closes it. */
    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
