package io.exportkit.transport.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * A host that delivers only by SFTP gets no cloud SDK: the module's class path (runtime and test
 * dependencies, as Surefire runs it) holds no AWS or Google class.
 */
class SftpDependencySplitTest {
  private static final List<String> CLOUD_PACKAGES = List.of("software/amazon/", "com/amazonaws/", "com/google/");

  @Test
  void theClassPathHoldsNoAwsOrGoogleClasses() throws IOException {
    List<Path> entries = classPath();
    List<String> cloud = new ArrayList<>();

    for (Path entry : entries) {
      cloud.addAll(cloudClasses(entry));
    }

    assertThat(entries).as("the class path scanned").anyMatch(entry -> entry.getFileName().toString().startsWith("sshj-"));
    assertThat(cloud).isEmpty();
  }

  @Test
  void noCloudSdkClassCanBeLoaded() {
    ClassLoader loader = SftpTransportProvider.class.getClassLoader();

    assertThatThrownBy(() -> Class.forName("software.amazon.awssdk.services.s3.S3Client", false, loader))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("com.google.cloud.storage.Storage", false, loader))
        .isInstanceOf(ClassNotFoundException.class);
  }

  private static List<Path> classPath() {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return List.of(classPath.split(File.pathSeparator)).stream().filter(s -> !s.isBlank()).map(Path::of).toList();
  }

  /** The first cloud class in {@code entry}, a jar or a folder of classes, if any. */
  private static List<String> cloudClasses(Path entry) throws IOException {
    if (Files.isDirectory(entry)) {
      return CLOUD_PACKAGES.stream().filter(p -> Files.exists(entry.resolve(p))).map(p -> entry + "!/" + p).toList();
    }
    if (!Files.isRegularFile(entry)) {
      return List.of();
    }
    try (JarFile jar = new JarFile(entry.toFile())) {
      return jar.stream().map(e -> e.getName())
          .filter(name -> name.endsWith(".class") && CLOUD_PACKAGES.stream().anyMatch(name::startsWith))
          .limit(1).map(name -> entry.getFileName() + "!/" + name).toList();
    }
  }
}
