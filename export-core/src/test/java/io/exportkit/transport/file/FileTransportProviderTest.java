package io.exportkit.transport.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import io.exportkit.SecretResolver;
import io.exportkit.internal.FileNameTemplate;
import io.exportkit.spi.Delivered;
import io.exportkit.spi.Transport;
import io.exportkit.spi.Upload;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileTransportProviderTest {

  private static final byte[] CONTENT = "email;prize\r\nana@example.org;Bike\r\n".getBytes(StandardCharsets.UTF_8);

  private final FileTransportProvider provider = new FileTransportProvider();

  @TempDir
  Path folder;

  // ---------------------------------------------------------------- commit, abort, close

  @Test
  void commitMakesTheFileVisibleWithTheExactBytes() throws IOException {
    Upload upload = transport(folder).upload("weekly.csv");
    upload.stream().write(CONTENT);

    Delivered delivered = upload.commit();

    assertThat(folder.resolve("weekly.csv")).hasBinaryContent(CONTENT);
    assertThat(delivered.size()).isEqualTo(CONTENT.length);
    assertThat(delivered.location()).isEqualTo(folder.resolve("weekly.csv").toAbsolutePath().toUri());
    assertThat(fileNames(folder)).containsExactly("weekly.csv");
  }

  @Test
  void commitAfterTheStreamIsClosedDelivers() throws IOException {
    // Upload's contract: the pipeline writes everything, closes stream(), then calls commit().
    Upload upload = transport(folder).upload("weekly.csv");
    try (OutputStream out = upload.stream()) {
      out.write(CONTENT);
    }

    Delivered delivered = upload.commit();

    assertThat(folder.resolve("weekly.csv")).hasBinaryContent(CONTENT);
    assertThat(delivered.size()).isEqualTo(CONTENT.length);
  }

  @Test
  void emptyFileIsDelivered() throws IOException {
    Upload upload = transport(folder).upload("empty.csv");

    Delivered delivered = upload.commit();

    assertThat(folder.resolve("empty.csv")).isEmptyFile();
    assertThat(delivered.size()).isZero();
  }

  @Test
  void beforeCommitOnlyAHiddenTemporaryFileExists() throws IOException {
    Upload upload = transport(folder).upload("weekly.csv");
    upload.stream().write(CONTENT);
    upload.stream().flush();

    List<String> names = fileNames(folder);

    assertThat(names).singleElement().satisfies(name -> assertThat(name).startsWith(".weekly.csv.").endsWith(".part"));
    assertThat(folder.resolve("weekly.csv")).doesNotExist();
    upload.abort();
  }

  @Test
  void abortDeletesTheTemporaryFile() throws IOException {
    Upload upload = transport(folder).upload("weekly.csv");
    upload.stream().write(CONTENT);

    upload.abort();

    assertThat(fileNames(folder)).isEmpty();
  }

  @Test
  void abortIsSafeToRepeat() throws IOException {
    Upload upload = transport(folder).upload("weekly.csv");
    upload.abort();

    upload.abort();
    upload.close();

    assertThat(fileNames(folder)).isEmpty();
  }

  @Test
  void closeWithoutCommitAborts() throws IOException {
    try (Upload upload = transport(folder).upload("weekly.csv")) {
      upload.stream().write(CONTENT);
    }

    List<String> names = fileNames(folder);

    assertThat(names).isEmpty();
  }

  @Test
  void closeAfterCommitKeepsTheFile() throws IOException {
    Upload upload = transport(folder).upload("weekly.csv");
    upload.stream().write(CONTENT);
    upload.commit();

    upload.close();

    assertThat(folder.resolve("weekly.csv")).hasBinaryContent(CONTENT);
  }

  @Test
  void commitAfterAbortIsRefused() throws IOException {
    Upload upload = transport(folder).upload("weekly.csv");
    upload.abort();

    Throwable thrown = catchThrowable(upload::commit);

    assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("upload of weekly.csv already ended");
    assertThat(folder.resolve("weekly.csv")).doesNotExist();
  }

  // ---------------------------------------------------------------- existing names

  @Test
  void existingNameIsRefusedWithoutOverwriteAndTheExistingFileIsKept() throws IOException {
    byte[] existing = "yesterday's file".getBytes(StandardCharsets.UTF_8);
    Files.write(folder.resolve("weekly.csv"), existing);
    Upload upload = transport(folder).upload("weekly.csv");
    upload.stream().write(CONTENT);

    Throwable thrown = catchThrowable(upload::commit);

    assertThat(thrown).isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("weekly.csv")
        .hasMessageContaining("change the naming template")
        .hasMessageContaining("allow overwriting");
    assertThat(folder.resolve("weekly.csv")).hasBinaryContent(existing);
    assertThat(fileNames(folder)).containsExactly("weekly.csv");
  }

  @Test
  void secondFileWithTheSameRenderedNameIsRefused() throws IOException {
    FileNameTemplate template = FileNameTemplate.parse("{export}_{date}.{ext}");
    FileNameTemplate.Values values = new FileNameTemplate.Values("weekly", "quiz",
        Instant.parse("2026-03-02T06:00:00Z"), ZoneOffset.UTC, "run-1", 1, "csv");
    Transport transport = transport(folder);
    deliver(transport, template.render(values), CONTENT);
    Upload second = transport.upload(template.render(values));
    second.stream().write("second run".getBytes(StandardCharsets.UTF_8));

    Throwable thrown = catchThrowable(second::commit);

    assertThat(thrown).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(folder.resolve("weekly_20260302.csv")).hasBinaryContent(CONTENT);
    assertThat(fileNames(folder)).containsExactly("weekly_20260302.csv");
  }

  @Test
  void overwriteReplacesAnExistingFile() throws IOException {
    Files.writeString(folder.resolve("weekly.csv"), "yesterday's file");
    Transport transport = provider.open(Destination.of(folder.toUri()).withOverwrite(true), SecretResolver.NONE);
    Upload upload = transport.upload("weekly.csv");
    upload.stream().write(CONTENT);

    upload.commit();

    assertThat(folder.resolve("weekly.csv")).hasBinaryContent(CONTENT);
    assertThat(fileNames(folder)).containsExactly("weekly.csv");
  }

  // ---------------------------------------------------------------- URIs and folders

  @Test
  void relativeFileUriNamesAFolderUnderTheWorkingDirectory() {
    Path path = FileTransportProvider.folder(URI.create("file:exports/weekly"));

    assertThat(path).isEqualTo(Path.of("exports", "weekly")).isRelative();
  }

  @Test
  void relativeFileUriDeliversThere() throws IOException {
    Path relative = Path.of("").toAbsolutePath().relativize(folder.resolve("out"));
    Destination destination = Destination.of("file:" + relative.toString().replace('\\', '/'));

    deliver(provider.open(destination, SecretResolver.NONE), "weekly.csv", CONTENT);

    assertThat(folder.resolve("out").resolve("weekly.csv")).hasBinaryContent(CONTENT);
  }

  @Test
  void absoluteFileUriNamesThatFolder() {
    Path path = FileTransportProvider.folder(URI.create("file:///srv/exports"));

    assertThat(path).isEqualTo(Path.of("/srv/exports").toAbsolutePath());
  }

  @Test
  void absoluteFileUriDeliversThere() throws IOException {
    Destination destination = Destination.of(URI.create("file://" + folder.toUri().getPath()));

    deliver(provider.open(destination, SecretResolver.NONE), "weekly.csv", CONTENT);

    assertThat(folder.resolve("weekly.csv")).hasBinaryContent(CONTENT);
  }

  @Test
  void missingFolderIsCreated() throws IOException {
    Path target = folder.resolve("a").resolve("b");

    deliver(transport(target), "weekly.csv", CONTENT);

    assertThat(target.resolve("weekly.csv")).hasBinaryContent(CONTENT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../escape.csv", "a/b.csv", ".hidden.csv", ""})
  void nameThatIsNotAPlainVisibleNameIsRefused(String fileName) throws IOException {
    Transport transport = transport(folder.resolve("out"));

    Throwable thrown = catchThrowable(() -> transport.upload(fileName));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("file name must be a plain, visible name: " + fileName);
    assertThat(folder.resolve("escape.csv")).doesNotExist();
  }

  // ---------------------------------------------------------------- permissions

  @Test
  void deliveredFileIsReadableByItsOwnerOnly() throws IOException {
    Upload upload = transport(folder).upload("weekly.csv");
    upload.stream().write(CONTENT);
    Set<PosixFilePermission> whileWritten = Files.getPosixFilePermissions(temporaryFile(folder));

    upload.commit();

    assertThat(whileWritten).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(folder.resolve("weekly.csv")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void overwrittenFileIsReadableByItsOwnerOnly() throws IOException {
    Files.write(folder.resolve("weekly.csv"), CONTENT);
    Transport transport = provider.open(Destination.of(folder.toUri()).withOverwrite(true), SecretResolver.NONE);

    deliver(transport, "weekly.csv", CONTENT);

    assertThat(Files.getPosixFilePermissions(folder.resolve("weekly.csv")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void permissionsOptionSetsTheDeliveredFilesPermissionsWhateverTheUmask() throws IOException {
    // The umask (typically 022) would take the group's write bit off a file created with rw-rw----.
    Destination destination = Destination.of(folder.toUri()).withOption("permissions", "rw-rw----");
    Upload upload = provider.open(destination, SecretResolver.NONE).upload("weekly.csv");
    upload.stream().write(CONTENT);
    Set<PosixFilePermission> whileWritten = Files.getPosixFilePermissions(temporaryFile(folder));

    upload.commit();

    assertThat(whileWritten).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(folder.resolve("weekly.csv")))
        .isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"640", "0640", "rw-r", "rw-r-----x", "rw-r--r-T", "RW-------", "group-read", ""})
  void validateRefusesPermissionsThatAreNotNineCharactersOfRwx(String value) {
    Destination destination = Destination.of(folder.toUri()).withOption("permissions", value);

    List<String> problems = provider.validate(destination, SecretResolver.NONE);

    assertThat(problems).containsExactly("option permissions must be nine characters such as rw-r----- (owner, group,"
        + " others; each r or -, w or -, x or -), not '" + value + "'");
  }

  @Test
  void validateRefusesAnUnknownOptionOrSecret() {
    Destination destination = Destination.of(folder.toUri()).withOption("permission", "rw-r-----")
        .withSecret("password", SecretRef.of("vault:x"));

    List<String> problems = provider.validate(destination, SecretResolver.NONE);

    assertThat(problems).containsExactly(
        "unknown option 'permission' for file: destinations; known options: [permissions]",
        "unknown secret role 'password' for file: destinations; known roles: []");
  }

  @Test
  void validateRefusesAQueryInTheUri() {
    List<String> problems = provider.validate(Destination.of("file:exports?permissions=rw-r-----"), SecretResolver.NONE);

    assertThat(problems).containsExactly("file: destination must not hold a query (?permissions=rw-r-----): give"
        + " options with Destination.withOption, e.g. withOption(\"permissions\", \"rw-r-----\")");
  }

  // ---------------------------------------------------------------- validate

  @Test
  void validateRefusesAHost() {
    List<String> problems = provider.validate(Destination.of("file://host/x"), SecretResolver.NONE);

    assertThat(problems).containsExactly("file: destination must be local, without a host: file://host/x");
  }

  @Test
  void validateRefusesAnotherScheme() {
    List<String> problems = provider.validate(Destination.of("sftp://host/x"), SecretResolver.NONE);

    assertThat(problems).containsExactly("not a file: URI: sftp://host/x");
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:exports", "file:///srv/exports", "file:/srv/exports", "FILE:exports"})
  void validateAcceptsLocalFolders(String uri) {
    List<String> problems = provider.validate(Destination.of(uri), SecretResolver.NONE);

    assertThat(problems).isEmpty();
  }

  @Test
  void validateRefusesOptionsAndSecretsItDoesNotKnow() {
    List<String> problems = provider.validate(Destination.of("file:exports").withOption("permissionz", "600")
        .withSecret("password", io.exportkit.SecretRef.of("vault:x")), SecretResolver.NONE);

    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).startsWith("unknown option 'permissionz' for file: destinations");
    assertThat(problems.get(1)).isEqualTo("unknown secret role 'password' for file: destinations; known roles: []");
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:exports?mode=600", "file:///srv/exports?mode=600", "file:exports#part"})
  void validateRefusesAQueryOrAFragment(String uri) {
    List<String> problems = provider.validate(Destination.of(uri), SecretResolver.NONE);

    assertThat(problems).singleElement().asString().contains("query", "options");
  }

  @Test
  void aTakenNameSuggestsATokenThatDiffersFromRunToRun() throws IOException {
    Transport transport = transport(folder);
    deliver(transport, "weekly.csv", new byte[] {1});

    Throwable thrown = catchThrowable(() -> deliver(transport, "weekly.csv", new byte[] {2}));

    assertThat(thrown).hasMessageContaining("{run}").hasMessageContaining("{datetime:yyyyMMdd-HHmmss}")
        .hasMessageNotContaining("{seq}");
  }

  @Test
  void idIsTheFileScheme() {
    String id = provider.id();

    assertThat(id).isEqualTo("file");
  }

  // ---------------------------------------------------------------- helpers

  private Transport transport(Path target) {
    return provider.open(Destination.of(target.toUri()), SecretResolver.NONE);
  }

  private static void deliver(Transport transport, String name, byte[] content) throws IOException {
    Upload upload = transport.upload(name);
    upload.stream().write(content);
    upload.commit();
  }

  private static Path temporaryFile(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".part")).findFirst().orElseThrow();
    }
  }

  private static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
