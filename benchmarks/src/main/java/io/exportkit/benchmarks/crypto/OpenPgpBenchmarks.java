package io.exportkit.benchmarks.crypto;

import io.exportkit.Destination;
import io.exportkit.Encryption;
import io.exportkit.ExportDefinition;
import io.exportkit.ExportType;
import io.exportkit.SecretRef;
import io.exportkit.SecretResolver;
import io.exportkit.crypto.OpenPgpStageProvider;
import io.exportkit.spi.OutputStage;
import io.exportkit.spi.StageContext;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;
import org.bouncycastle.openpgp.operator.PGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encrypting the same {@value #MIB_PER_OP} MiB of incompressible bytes, written in 64 KiB chunks
 * as the pipeline writes them, to the same RSA-3072 key (made by gpg at setup): our {@code openpgp}
 * stage (AES-256, SEIPD v1), the bare JDK ciphers underneath, Bouncy Castle's own OpenPGP
 * encryptors, and the {@code gpg} command reading the bytes from a file (page-cached) and writing
 * to {@code /dev/null}, timed as a whole process. A score is operations per second: MB/s is the
 * score times {@value #MIB_PER_OP} x 1.048576. {@code gpgStartup} is gpg encrypting an empty
 * file: the fixed cost inside each {@code gpg} score. Needs {@code gpg} on the PATH.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class OpenPgpBenchmarks {
  static final int MIB_PER_OP = 128;
  private static final int CHUNK = 64 * 1024;
  private static final int CHUNKS = MIB_PER_OP * 16;

  private final byte[] chunk = new byte[CHUNK];
  private final byte[] cipherOut = new byte[CHUNK + 16];
  private final SecretKeySpec aesKey = new SecretKeySpec(new byte[32], "AES");
  private Path dir;
  private Path input;
  private Path empty;
  private String fingerprint;
  private PGPPublicKey encryptionKey;
  private StageContext unsigned;
  private StageContext signed;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    new SplittableRandom(42).nextBytes(chunk);
    dir = Files.createTempDirectory("exportkit-openpgp-bench");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    input = dir.resolve("input.bin");
    try (OutputStream out = Files.newOutputStream(input)) {
      write(out);
    }
    empty = Files.createFile(dir.resolve("empty.bin"));
    gpg("--passphrase", "", "--quick-gen-key", "Bench <bench@example.org>", "rsa3072", "cert,sign", "never");
    fingerprint = new String(gpg("--with-colons", "--list-keys"), StandardCharsets.US_ASCII).lines()
        .filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
    gpg("--passphrase", "", "--quick-add-key", fingerprint, "rsa3072", "encr", "never");
    String publicKey = new String(gpg("--armor", "--export", fingerprint), StandardCharsets.US_ASCII);
    String secretKey = new String(gpg("--passphrase", "", "--armor", "--export-secret-keys", fingerprint),
        StandardCharsets.US_ASCII);
    encryptionKey = new OpenPGPKeyReader().parseCertificate(publicKey).getEncryptionKeys(new Date()).get(0)
        .getPGPPublicKey();
    SecretResolver secrets = ref -> Optional.of(secretKey);
    unsigned = context(Encryption.to(publicKey), secrets);
    signed = context(Encryption.to(publicKey).signedWith(SecretRef.of("bench-key"), null), secrets);
  }

  private static StageContext context(Encryption encryption, SecretResolver secrets) {
    ExportDefinition definition = ExportDefinition.builder().name("bench").type(ExportType.RAPID).operation("op")
        .destination(Destination.of("null:/out/")).encryption(encryption).build();
    return new StageContext(definition, "bench.csv", secrets);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    new ProcessBuilder("gpgconf", "--homedir", dir.resolve("home").toString(), "--kill", "all").start().waitFor();
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }

  private void write(OutputStream out) throws IOException {
    for (int i = 0; i < CHUNKS; i++) {
      out.write(chunk);
    }
  }

  @Benchmark
  public byte[] jdkAesCfb() throws GeneralSecurityException {
    return jdkCipher("AES/CFB/NoPadding");
  }

  @Benchmark
  public byte[] jdkAesCbc() throws GeneralSecurityException {
    return jdkCipher("AES/CBC/NoPadding");
  }

  @Benchmark
  public byte[] jdkAesCtr() throws GeneralSecurityException {
    return jdkCipher("AES/CTR/NoPadding");
  }

  private byte[] jdkCipher(String transformation) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(transformation);
    cipher.init(Cipher.ENCRYPT_MODE, aesKey, new IvParameterSpec(new byte[16]));
    for (int i = 0; i < CHUNKS; i++) {
      cipher.update(chunk, 0, CHUNK, cipherOut, 0);
    }
    return cipherOut;
  }

  @Benchmark
  public void openPgpStage() throws IOException {
    stage(unsigned);
  }

  @Benchmark
  public void openPgpStageSigned() throws IOException {
    stage(signed);
  }

  private void stage(StageContext context) throws IOException {
    OutputStage stage = new OpenPgpStageProvider().create(context);
    try (OutputStream out = stage.wrap(OutputStream.nullOutputStream())) {
      write(out);
    }
  }

  @Benchmark
  public void bouncyCastleWithJdkCfb() throws IOException, PGPException {
    bouncyCastle(new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true));
  }

  @Benchmark
  public void bouncyCastleLightweight() throws IOException, PGPException {
    bouncyCastle(new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true));
  }

  /** What Bouncy Castle's documentation shows: its generators with one of its data encryptors. */
  private void bouncyCastle(PGPDataEncryptorBuilder data) throws IOException, PGPException {
    PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(data);
    generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(encryptionKey));
    try (OutputStream encrypted = generator.open(OutputStream.nullOutputStream(), new byte[CHUNK]);
        OutputStream literal = new PGPLiteralDataGenerator().open(encrypted, PGPLiteralData.BINARY, "bench.csv",
            new Date(), new byte[CHUNK])) {
      write(literal);
    }
  }

  @Benchmark
  public int gpg() throws Exception {
    return gpgEncrypt(input, List.of());
  }

  @Benchmark
  public int gpgSigned() throws Exception {
    return gpgEncrypt(input, List.of("--passphrase", "", "--local-user", fingerprint, "--sign"));
  }

  @Benchmark
  public int gpgStartup() throws Exception {
    return gpgEncrypt(empty, List.of());
  }

  private int gpgEncrypt(Path file, List<String> more) throws Exception {
    List<String> command = new ArrayList<>(List.of("gpg", "--homedir", dir.resolve("home").toString(),
        "--batch", "--pinentry-mode", "loopback", "--trust-model", "always", "--compress-algo", "none",
        "--recipient", fingerprint));
    command.addAll(more);
    command.add("--encrypt");
    Process process = new ProcessBuilder(command)
        .redirectInput(file.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IllegalStateException("gpg exited with " + exit);
    }
    return exit;
  }

  private byte[] gpg(String... args) throws Exception {
    Path home = dir.resolve("home");
    Files.createDirectories(home);
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch",
        "--pinentry-mode", "loopback"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("gpg " + String.join(" ", args) + " failed");
    }
    return out;
  }
}
