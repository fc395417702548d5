package io.exportkit.crypto;

/**
 * How the {@code openpgp} output stage writes its messages, beyond what each export's
 * {@link io.exportkit.Encryption} says.
 *
 * @param compress compress the data inside the message (ZIP/deflate). Off by default: exports
 *     are often compressed already (a {@code gzip} or {@code zip} stage), and compressing before
 *     encrypting can leak information about the content through the message's size
 */
public record OpenPgpOptions(boolean compress) {

  /** No compression inside the message. */
  public static OpenPgpOptions defaults() {
    return new OpenPgpOptions(false);
  }

  public OpenPgpOptions withCompression(boolean compress) {
    return new OpenPgpOptions(compress);
  }
}
