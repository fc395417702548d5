package io.exportkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --compress gzip|zip}: the delivered file decompresses to the bytes of the same export
 * uncompressed, and the report describes the compressed file.
 */
class DemoCompressionTest {
  /** About 600 KB of CSV: several of the gzip stage's 128 KiB blocks, compressed in parallel. */
  private static final String PARTICIPANTS = "5000";

  @TempDir
  static Path dir;

  private static byte[] uncompressed;

  @BeforeAll
  static void exportUncompressed() throws IOException {
    Demo.Result result = export("none");
    assertThat(result.exit()).as(result.err()).isZero();
    uncompressed = Files.readAllBytes(dir.resolve("none/demo.csv"));
  }

  @Test
  void gzipFileHoldsTheUncompressedExport() throws Exception {
    Demo.Result result = export("gzip");

    Path file = assertDelivered(result, "gzip/demo.csv.gz");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      assertThat(in.readAllBytes()).isEqualTo(uncompressed);
    }
  }

  @Test
  void zipFileHoldsTheUncompressedExportAsItsOneEntry() throws Exception {
    Demo.Result result = export("zip");

    Path file = assertDelivered(result, "zip/demo.zip");
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      ZipEntry entry = zip.getNextEntry();
      assertThat(entry).isNotNull();
      assertThat(entry.getName()).isEqualTo("demo.csv");
      assertThat(zip.readAllBytes()).isEqualTo(uncompressed);
      assertThat(zip.getNextEntry()).as("a second entry").isNull();
    }
  }

  @Test
  void defaultNamingAddsTheCompressionExtension() {
    Path folder = dir.resolve("named");

    Demo.Result result = Demo.run("--participants", "10", "--format", "json", "--compress", "gzip", "--to",
        "file:" + folder);

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat((String) result.report().get("file")).matches("demo-instant-win_\\d{8}-\\d{6}\\.json\\.gz");
  }

  /** Exports the same participants with {@code compression} into a folder of its name. */
  private static Demo.Result export(String compression) throws IOException {
    Path folder = Files.createDirectory(dir.resolve(compression));
    return Demo.run("--participants", PARTICIPANTS, "--compress", compression, "--to", "file:" + folder, "--naming",
        "demo.{ext}");
  }

  /** The compressed file, once the run's report is known to describe it. */
  private static Path assertDelivered(Demo.Result result, String name) throws Exception {
    assertThat(result.exit()).as(result.err()).isZero();
    Path file = dir.resolve(name);
    assertThat(Files.size(file)).isLessThan(uncompressed.length / 3);
    assertThat(result.report()).containsEntry("outcome", "SUCCEEDED").containsEntry("rows", Long.valueOf(PARTICIPANTS))
        .containsEntry("file", file.getFileName().toString()).containsEntry("bytes", Files.size(file))
        .containsEntry("sha256", DemoCommandTest.sha256(file))
        .containsEntry("location", file.toAbsolutePath().toUri().toString());
    return file;
  }
}
