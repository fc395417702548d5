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
import java.nio.file.FileSystems;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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
 * <p>Owner-only: exports hold personal data, so on a POSIX file system the file is created
 * {@code rw-------} (0600), whatever the process's umask. The option {@value #PERMISSIONS} gives
 * other permissions, e.g. {@code rw-r-----} for a group that collects the files; they are applied
 * at commit, so the file is owner-only while it is written.
 *
 * <p>Stateless and thread-safe; always available, without discovery.
 */
public final class FileTransportProvider implements TransportProvider {
  private static final Logger log = LoggerFactory.getLogger(FileTransportProvider.class);

  /** Option: the delivered file's POSIX permissions, as {@code ls -l} prints them: {@code rw-r-----}. */
  public static final String PERMISSIONS = "permissions";

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  @Override
  public String id() {
    return "file";
  }

  @Override
  public List<String> validate(Destination destination, SecretResolver secrets) {
    DestinationOptionReader read = new DestinationOptionReader(destination);
    URI uri = destination.uri();
    if (uri.getRawFragment() != null) {
      // A fragment would otherwise be ignored; folder(uri) refuses a query.
      read.problem("file: destination must not hold a fragment (#" + uri.getRawFragment() + ") nor a query: remove it;"
          + " give options with Destination.withOption");
    } else {
      try {
        folder(uri);
      } catch (IllegalArgumentException e) {
        read.problem(e.getMessage());
      }
    }
    permissions(destination, read); // also refuses any other option
    return read.problems();
  }

  @Override
  public Transport open(Destination destination, SecretResolver secrets) {
    Path folder = folder(destination.uri());
    DestinationOptionReader read = new DestinationOptionReader(destination);
    @Nullable Set<PosixFilePermission> permissions = permissions(destination, read);
    if (!read.problems().isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", read.problems()));
    }
    boolean overwrite = destination.overwrite();
    return new Transport() {
      @Override
      public Upload upload(String fileName) throws IOException {
        return new FileUpload(folder, fileName, overwrite, permissions);
      }

      @Override
      public void close() {
        // Nothing held between uploads.
      }
    };
  }

  /**
   * The permissions of the delivered files: owner-only unless the option says otherwise; {@code null}
   * on a file system without POSIX permissions, where the folder's own access rules apply.
   */
  private static @Nullable Set<PosixFilePermission> permissions(Destination destination, DestinationOptionReader read) {
    read.rejectUnknown("file", Set.of(PERMISSIONS), Set.of());
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    String value = destination.options().get(PERMISSIONS);
    if (value == null) {
      return posix ? OWNER_ONLY : null;
    }
    if (!value.matches("[r-][w-][x-][r-][w-][x-][r-][w-][x-]")) {
      read.problem("option " + PERMISSIONS + " must be nine characters such as rw-r----- (owner, group, others;"
          + " each r or -, w or -, x or -), not '" + value + "'");
      return null;
    }
    if (!posix) {
      read.problem("option " + PERMISSIONS + " needs a file system with POSIX permissions, and this one has none:"
          + " remove it, and set the folder's access rules instead");
      return null;
    }
    return PosixFilePermissions.fromString(value);
  }

  /** The folder a {@code file:} URI names. */
  public static Path folder(URI uri) {
    if (!"file".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("not a file: URI: " + uri);
    }
    // Opaque or not, a query is what follows the first '?' of the raw part (a path's own '?' is %3F).
    String raw = uri.getRawSchemeSpecificPart();
    int query = raw.indexOf('?');
    if (query >= 0) {
      throw new IllegalArgumentException("file: destination must not hold a query (" + raw.substring(query)
          + "): give options with Destination.withOption, e.g. withOption(\"" + PERMISSIONS + "\", \"rw-r-----\")");
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
    private final @Nullable Set<PosixFilePermission> permissions;
    private boolean done;

    FileUpload(Path folder, String fileName, boolean overwrite, @Nullable Set<PosixFilePermission> permissions)
        throws IOException {
      Files.createDirectories(folder);
      this.target = folder.resolve(fileName);
      if (!target.getParent().equals(folder) || target.getFileName().toString().startsWith(".")) {
        throw new IllegalArgumentException("file name must be a plain, visible name: " + fileName);
      }
      this.temp = folder.resolve("." + fileName + "." + UUID.randomUUID().toString().substring(0, 8) + ".part");
      // Owner-only from the start: the bytes being written are as personal as the delivered file.
      this.channel = permissions == null
          ? FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
          : FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      this.stream = new CountingStream(Channels.newOutputStream(channel));
      this.overwrite = overwrite;
      this.permissions = permissions;
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
        if (permissions != null) {
          // Set, not created with: the umask would take bits off what the host asked for.
          Files.setPosixFilePermissions(temp, permissions);
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
