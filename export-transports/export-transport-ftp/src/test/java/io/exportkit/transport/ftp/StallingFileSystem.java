package io.exportkit.transport.ftp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import org.apache.ftpserver.filesystem.nativefs.NativeFileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.User;

/**
 * A server-side file system whose files, once an upload starts, take no more bytes until
 * {@link #release()}: the server stops reading the data connection, as a stuck disk or a hung
 * server process would, while still answering on the control connection.
 */
final class StallingFileSystem implements FileSystemFactory, AutoCloseable {
  private final FileSystemFactory files = new NativeFileSystemFactory();
  private final CountDownLatch released = new CountDownLatch(1);

  @Override
  public FileSystemView createFileSystemView(User user) throws org.apache.ftpserver.ftplet.FtpException {
    FileSystemView view = files.createFileSystemView(user);
    return proxy(FileSystemView.class, view, (method, result) ->
        method.getName().equals("getFile") ? proxy(FtpFile.class, (FtpFile) result, this::stallOutput) : result);
  }

  /** Lets the stalled uploads go on, so that the server can stop. */
  void release() {
    released.countDown();
  }

  @Override
  public void close() {
    release();
  }

  private Object stallOutput(Method method, Object result) {
    if (!method.getName().equals("createOutputStream")) {
      return result;
    }
    return new FilterOutputStream((OutputStream) result) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        try {
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException();
        }
        out.write(b, off, len);
      }
    };
  }

  private interface Wrap {
    Object apply(Method method, Object result);
  }

  private static <T> T proxy(Class<T> type, T target, Wrap wrap) {
    InvocationHandler handler = (self, method, args) -> {
      try {
        Object result = method.invoke(target, args);
        return result == null ? null : wrap.apply(method, result);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
