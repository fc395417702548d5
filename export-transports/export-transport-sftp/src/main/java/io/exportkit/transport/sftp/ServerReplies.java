package io.exportkit.transport.sftp;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import net.schmizz.sshj.sftp.Response.StatusCode;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;
import org.jspecify.annotations.Nullable;

/**
 * What an SFTP server's status replies mean for the person who has to fix them. Servers are terse
 * ("Failure", "Unknown Error", or just the path for a permission error), so the message names the
 * action, the absolute path and the likely fix; the status stays in the exception, for the retry
 * rule.
 */
final class ServerReplies {
  private ServerReplies() {
  }

  /** Whether the server answered with {@code e}, so the connection is known to work. */
  static boolean isAnswer(IOException e) {
    if (e instanceof FileAlreadyExistsException) {
      return true;
    }
    if (!(e instanceof SFTPException sftp) || sftp.getCause() instanceof TimeoutException) {
      return false;
    }
    StatusCode status = sftp.getStatusCode();
    return status != StatusCode.UNKNOWN && status != StatusCode.NO_CONNECTION && status != StatusCode.CONNECITON_LOST;
  }

  /** {@code e}, the server's refusal to {@code action} {@code path}, said so that it can be acted on. */
  static SFTPException explain(SFTPException e, String action, String path, SftpOptions options, SFTPClient sftp) {
    String where = absolute(path, options, sftp);
    String reply = saidMore(e.getMessage(), path, where) ? " (the server said: " + printable(e.getMessage()) + ")" : "";
    String message = switch (e.getStatusCode()) {
      case PERMISSION_DENIED, WRITE_PROTECT -> "permission denied to " + action + " " + where + reply + ": "
          + (options.absolute()
              ? "the path is from the server's root; for a folder in the login folder, write sftp://" + options.user()
                  + "@" + options.host() + (options.target().getPort() >= 0 ? ":" + options.target().getPort() : "")
                  + "/~" + options.folder() + ", or have the account given write access to it"
              : "have the account given write access to it");
      case NO_SUCH_FILE, NO_SUCH_PATH -> "cannot " + action + " " + where + ": a folder above it does not exist" + reply;
      case NO_SPACE_ON_FILESYSTEM, QUOTA_EXCEEDED -> "cannot " + action + " " + where + ": the server's disk or the "
          + "account's quota is full" + reply;
      case FAILURE, UNKNOWN -> "the server refused to " + action + " " + where
          + (reply.isEmpty() ? " without saying why (SSH_FX_FAILURE)" : reply) + ": check that no file or folder of that name is in the way, that the account may write there, and that "
          + "the server's disk is not full";
      default -> "cannot " + action + " " + where + reply + " (SFTP status " + e.getStatusCode() + ")";
    };
    SFTPException explained = new SFTPException(e.getStatusCode(), message);
    explained.initCause(e);
    return explained;
  }

  /** Whether the server's text adds to its status: many send only the status's name, or the bare path. */
  private static boolean saidMore(@Nullable String reply, String path, String where) {
    return reply != null && !reply.isBlank() && !reply.equals(path) && !reply.equals(where)
        && !GENERIC.matcher(reply.trim()).matches();
  }

  private static final Pattern GENERIC = Pattern.compile(
      "(?i)failure|unknown error|permission denied|no such file|no such file or directory|operation unsupported");

  /** A server's text with its control characters escaped ({@code \n}, {@code \u001b}), fit for a message or a log line. */
  static String printable(String reply) {
    StringBuilder out = new StringBuilder(reply.length());
    reply.codePoints().forEach(c -> {
      if (Character.isISOControl(c)) {
        out.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  /** {@code path} from the server's root: relative paths are in the login folder, which the server names. */
  static String absolute(String path, SftpOptions options, SFTPClient sftp) {
    if (path.startsWith("/")) {
      return path;
    }
    try {
      String home = sftp.canonicalize(".");
      return (home.endsWith("/") ? home : home + "/") + path;
    } catch (IOException e) {
      return "~/" + path;
    }
  }
}
