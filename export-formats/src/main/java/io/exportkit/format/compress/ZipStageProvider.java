package io.exportkit.format.compress;

import io.exportkit.spi.OutputStage;
import io.exportkit.spi.OutputStageProvider;
import io.exportkit.spi.StageContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The {@code zip} stage: a zip archive holding the file as its one entry, named after it and
 * deflated at level 6; the archive's name replaces the file's extension ({@code winners.zip}
 * holds {@code winners.csv}). Entry names are UTF-8; files over 4 GiB get Zip64 records. Stateless
 * and thread-safe; registered in {@code META-INF/services/io.exportkit.spi.OutputStageProvider}.
 */
public final class ZipStageProvider implements OutputStageProvider {

  /** For {@link java.util.ServiceLoader}. */
  public ZipStageProvider() {}

  @Override
  public String id() {
    return "zip";
  }

  @Override
  public OutputStage create(StageContext context) {
    String entryName = Objects.requireNonNull(context, "context").innerFileName();
    return new OutputStage() {
      @Override
      public String extension() {
        return "zip";
      }

      @Override
      public boolean replacesExtension() {
        return true;
      }

      @Override
      public OutputStream wrap(OutputStream downstream) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(Objects.requireNonNull(downstream, "downstream"),
            StandardCharsets.UTF_8);
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        zip.putNextEntry(new ZipEntry(entryName));
        return zip;
      }
    };
  }
}
