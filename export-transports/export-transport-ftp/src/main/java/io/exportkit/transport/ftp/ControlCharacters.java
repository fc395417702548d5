package io.exportkit.transport.ftp;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Control characters on the FTP control connection: refused in what the transport sends, escaped
 * in what it reports. A CR, LF or NUL in a command's argument would end that command and start
 * another ({@code STOR x\r\nDELE victim.csv}); a server's reply may echo such characters, or
 * terminal escapes, into a log or a message.
 */
final class ControlCharacters {
  private ControlCharacters() {
  }

  /** Refuses an argument of {@code command} that holds CR, LF or NUL, before anything is sent. */
  static void refuseInArgument(String command, @Nullable String argument) throws IOException {
    if (argument != null && argument.chars().anyMatch(c -> c == '\r' || c == '\n' || c == '\0')) {
      String shown = command.equalsIgnoreCase("PASS") ? "the password" : "'" + escape(argument) + "'";
      throw new IOException(command + " " + shown + " holds a control character (CR, LF or NUL), which would end "
          + "the FTP command and start another: not sent; remove it from the destination or the file name");
    }
  }

  /**
   * {@code text} with CR and LF written as {@code \r} and {@code \n}, and any other control
   * character as a backslash, {@code u} and four hex digits, so that a log or a message shows it.
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.chars().forEach(c -> {
      if (c == '\r') {
        out.append("\\r");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04X", c));
      } else {
        out.append((char) c);
      }
    });
    return out.toString();
  }
}
