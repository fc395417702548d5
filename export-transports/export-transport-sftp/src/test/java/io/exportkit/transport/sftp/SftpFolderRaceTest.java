package io.exportkit.transport.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import io.exportkit.testing.InMemorySecretResolver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs that start at once and create the same missing folders: a folder that appeared meanwhile is no failure. */
@Timeout(180)
class SftpFolderRaceTest {
  private static final int RUNS = 4;
  private static final int ROUNDS = 15;

  @TempDir
  Path root;

  @TempDir
  Path config;

  private EmbeddedSftpServer server;
  private Path knownHosts;

  @BeforeEach
  void startServer() throws Exception {
    server = EmbeddedSftpServer.start(root);
    knownHosts = Files.writeString(config.resolve("known_hosts"),
        EmbeddedSftpServer.plainEntry(server.port(), EmbeddedSftpServer.HOST_KEY.getPublic()) + "\n");
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  @Test
  void concurrentRunsIntoAFreshDeepFolderAllDeliver() throws Exception {
    InMemorySecretResolver secrets = InMemorySecretResolver.of().with("vault:sftp", EmbeddedSftpServer.PASSWORD);
    ExecutorService pool = Executors.newFixedThreadPool(RUNS);
    List<String> failures = new ArrayList<>();
    try {
      for (int round = 0; round < ROUNDS; round++) {
        Destination destination = Destination.of("sftp://exporter@127.0.0.1:" + server.port() + "/fresh-" + round + "/a/b/c")
            .withOption("knownHosts", knownHosts.toString()).withOption("maxAttempts", "1")
            .withSecret("password", SecretRef.of("vault:sftp"));
        CyclicBarrier start = new CyclicBarrier(RUNS);
        List<Future<?>> runs = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
          String name = "run-" + run + ".csv";
          runs.add(pool.submit(() -> {
            start.await();
            try (Transport transport = new SftpTransportProvider().open(destination, secrets);
                Upload upload = transport.upload(name)) {
              upload.stream().write(name.getBytes(StandardCharsets.UTF_8));
              upload.stream().close();
              upload.commit();
            }
            return null;
          }));
        }
        for (Future<?> run : runs) {
          try {
            run.get(60, TimeUnit.SECONDS);
          } catch (java.util.concurrent.ExecutionException e) {
            failures.add("round " + round + ": " + e.getCause());
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(failures).isEmpty();
    for (int round = 0; round < ROUNDS; round++) {
      try (var files = Files.list(root.resolve("fresh-" + round + "/a/b/c"))) {
        assertThat(files).as("round " + round).hasSize(RUNS);
      }
    }
  }
}
