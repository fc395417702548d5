package io.exportkit.transport.ftp;

import java.io.IOException;

/** The FTP server refused a command; {@link #code()} is its reply code (4xx transient, 5xx permanent). */
final class FtpReplyException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int code;

  FtpReplyException(int code, String message) {
    super(message);
    this.code = code;
  }

  int code() {
    return code;
  }
}
