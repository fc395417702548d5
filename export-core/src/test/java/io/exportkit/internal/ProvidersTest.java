package io.exportkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.exportkit.Destination;
import io.exportkit.FormatSpec;
import io.exportkit.ProviderNotFoundException;
import io.exportkit.SecretResolver;
import io.exportkit.spi.FormatWriter;
import io.exportkit.spi.FormatWriterProvider;
import io.exportkit.spi.Schema;
import io.exportkit.spi.Transport;
import io.exportkit.spi.TransportProvider;
import io.exportkit.transport.file.FileTransportProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Discovery the SLF4J way: each test builds its own class path (a folder holding
 * {@code META-INF/services} files that name provider classes of these test sources), loads it
 * through a {@link URLClassLoader} whose parent is the test class loader, and asserts what
 * {@link Providers} makes of it.
 */
class ProvidersTest {

  private static final String FORMATS = FormatWriterProvider.class.getName();
  private static final String TRANSPORTS = TransportProvider.class.getName();

  @TempDir
  Path classpath;

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureStandardError() {
    // slf4j-simple (test scope) writes to whatever System.err is when it logs.
    originalErr = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStandardError() {
    System.setErr(originalErr);
  }

  // ---------------------------------------------------------------- one class path per test

  @Test
  void providersListedInMetaInfServicesAreDiscovered() throws IOException {
    serviceFile(FORMATS, CsvFormat.class.getName(), JsonFormat.class.getName());
    serviceFile(TRANSPORTS, SftpTransport.class.getName());

    Providers providers;
    try (URLClassLoader loader = loader()) {
      providers = Providers.builder().discover(loader).build();
    }

    assertThat(providers.format("csv")).isInstanceOf(CsvFormat.class);
    assertThat(providers.format("json")).isInstanceOf(JsonFormat.class);
    assertThat(providers.transport("sftp")).isInstanceOf(SftpTransport.class);
    assertThat(providers.transport("file")).isInstanceOf(FileTransportProvider.class);
  }

  @Test
  void emptyClassPathDiscoversNothingButTheBuiltInFileTransport() throws IOException {
    Providers providers;
    try (URLClassLoader loader = loader()) {
      providers = Providers.builder().discover(loader).build();
    }

    assertThat(providers.findFormat("csv")).isEmpty();
    assertThat(providers.findTransport("sftp")).isEmpty();
    assertThat(providers.findTransport("file")).containsInstanceOf(FileTransportProvider.class);
  }

  @Test
  void twoClassesWithTheSameIdFailDiscoveryNamingBoth() throws IOException {
    serviceFile(FORMATS, CsvFormat.class.getName(), OtherCsvFormat.class.getName());

    Throwable thrown;
    try (URLClassLoader loader = loader()) {
      thrown = catchThrowable(() -> Providers.builder().discover(loader));
    }

    assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage(
        "Two FormatWriter providers share the id \"csv\": " + CsvFormat.class.getName() + " and "
            + OtherCsvFormat.class.getName()
            + ". Remove one from the classpath, or register the one to use with ExportService.builder()");
  }

  @Test
  void providerClassThatIsMissingIsSkippedWithAWarningAndOthersLoad() throws IOException {
    String missing = "io.exportkit.internal.NoSuchFormatProvider";
    serviceFile(FORMATS, CsvFormat.class.getName(), missing, JsonFormat.class.getName());

    Providers providers;
    try (URLClassLoader loader = loader()) {
      providers = Providers.builder().discover(loader).build();
    }

    assertThat(providers.findFormat("csv")).containsInstanceOf(CsvFormat.class);
    assertThat(providers.findFormat("json")).containsInstanceOf(JsonFormat.class);
    assertThat(logged()).contains("WARN", "Skipping a FormatWriter provider that failed to load", missing);
  }

  @Test
  void providerWhoseConstructorThrowsIsSkippedWithAWarningAndOthersLoad() throws IOException {
    serviceFile(FORMATS, CsvFormat.class.getName(), ExplodingFormat.class.getName(), JsonFormat.class.getName());

    Providers providers;
    try (URLClassLoader loader = loader()) {
      providers = Providers.builder().discover(loader).build();
    }

    assertThat(providers.findFormat("csv")).containsInstanceOf(CsvFormat.class);
    assertThat(providers.findFormat("json")).containsInstanceOf(JsonFormat.class);
    assertThat(providers.findFormat("boom")).isEmpty();
    assertThat(logged()).contains("WARN", "Skipping a FormatWriter provider that failed to load",
        ExplodingFormat.class.getName(), "no licence key in this test");
  }

  @Test
  void classThatIsNotAProviderIsSkippedWithAWarningAndOthersLoad() throws IOException {
    serviceFile(TRANSPORTS, CsvFormat.class.getName(), SftpTransport.class.getName());

    Providers providers;
    try (URLClassLoader loader = loader()) {
      providers = Providers.builder().discover(loader).build();
    }

    assertThat(providers.findTransport("sftp")).containsInstanceOf(SftpTransport.class);
    assertThat(logged()).contains("WARN", "Skipping a Transport provider that failed to load", CsvFormat.class.getName());
  }

  @Test
  void discoveredProviderWithAnInvalidIdIsRejectedNamingItsClass() throws IOException {
    serviceFile(FORMATS, UpperCaseFormat.class.getName());

    Throwable thrown;
    try (URLClassLoader loader = loader()) {
      thrown = catchThrowable(() -> Providers.builder().discover(loader));
    }

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage("FormatWriter provider "
        + UpperCaseFormat.class.getName() + " has an invalid id \"CSV\": use lower-case letters, digits and '-'");
  }

  @Test
  void explicitRegistrationReplacesADiscoveredProviderWithTheSameId() throws IOException {
    serviceFile(FORMATS, CsvFormat.class.getName());
    FormatWriterProvider explicit = new FakeFormat("csv");

    Providers providers;
    try (URLClassLoader loader = loader()) {
      providers = Providers.builder().format(explicit).discover(loader).build();
    }

    assertThat(providers.format("csv")).isSameAs(explicit);
  }

  @Test
  void explicitRegistrationReplacesTheBuiltInFileTransport() {
    TransportProvider explicit = new FakeTransport("file");

    Providers providers = Providers.builder().transport(explicit).build();

    assertThat(providers.transport("file")).isSameAs(explicit);
  }

  // ---------------------------------------------------------------- without discovery

  @Test
  void builtInFileTransportIsPresentWithoutDiscovery() {
    Providers providers = Providers.builder().build();

    assertThat(providers.transport("file")).isInstanceOf(FileTransportProvider.class);
  }

  @Test
  void explicitlyRegisteredProvidersAreFoundWithoutDiscovery() {
    FormatWriterProvider csv = new FakeFormat("csv");
    TransportProvider sftp = new FakeTransport("sftp");

    Providers providers = Providers.builder().format(csv).transport(sftp).build();

    assertThat(providers.format("csv")).isSameAs(csv);
    assertThat(providers.transport("sftp")).isSameAs(sftp);
  }

  @Test
  void unknownTransportFailsNamingWhatIsAvailableAndTheArtifact() {
    Providers providers = Providers.builder().build();

    Throwable thrown = catchThrowable(() -> providers.transport("sftp"));

    assertThat(thrown).isInstanceOf(ProviderNotFoundException.class).hasMessage("No Transport with id \"sftp\". "
        + "Available: [file]. Add export-transport-sftp to the classpath or call ExportService.builder().transport(...)");
    assertThat((ProviderNotFoundException) thrown).satisfies(e -> {
      assertThat(e.kind()).isEqualTo("Transport");
      assertThat(e.id()).isEqualTo("sftp");
    });
  }

  @Test
  void unknownFormatListsTheAvailableOnesSorted() {
    Providers providers = Providers.builder().format(new FakeFormat("xml")).format(new FakeFormat("json")).build();

    Throwable thrown = catchThrowable(() -> providers.format("csv"));

    assertThat(thrown).isInstanceOf(ProviderNotFoundException.class).hasMessage("No FormatWriter with id \"csv\". "
        + "Available: [json, xml]. The export-formats on the classpath does not provide it (an older version?); "
        + "upgrade it or call ExportService.builder().format(...)");
    assertThat(((ProviderNotFoundException) thrown).available()).containsExactly("json", "xml");
  }

  @Test
  void unknownFormatWithNoneOfItsArtifactAsksToAddTheArtifact() {
    Providers providers = Providers.builder().format(new FakeFormat("custom")).build();

    Throwable thrown = catchThrowable(() -> providers.format("csv"));

    assertThat(thrown).hasMessage("No FormatWriter with id \"csv\". "
        + "Available: [custom]. Add export-formats to the classpath or call ExportService.builder().format(...)");
  }

  @Test
  void unknownIdOfNoKnownArtifactAsksForTheArtifactThatProvidesIt() {
    Providers providers = Providers.builder().build();

    Throwable thrown = catchThrowable(() -> providers.transport("webdav"));

    assertThat(thrown).isInstanceOf(ProviderNotFoundException.class).hasMessage("No Transport with id \"webdav\". "
        + "Available: [file]. Add the artifact that provides it to the classpath or call ExportService.builder().transport(...)");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "CSV", "-csv", "c sv", "csv/", "../csv", "csv\u0000", "çsv"})
  void registeringAProviderWithAnInvalidIdIsRejected(String id) {
    FakeFormat provider = new FakeFormat(id);

    Throwable thrown = catchThrowable(() -> Providers.builder().format(provider));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage("FormatWriter provider "
        + FakeFormat.class.getName() + " has an invalid id \"" + id + "\": use lower-case letters, digits and '-'");
  }

  @Test
  void registeringNullIsRejectedNamingTheParameter() {
    Throwable thrown = catchThrowable(() -> Providers.builder().transport(null));

    assertThat(thrown).isInstanceOf(NullPointerException.class).hasMessage("provider");
  }

  // ---------------------------------------------------------------- class path set-up

  private void serviceFile(String service, String... providerClassNames) throws IOException {
    Path file = classpath.resolve("META-INF/services/" + service);
    Files.createDirectories(file.getParent());
    Files.write(file, List.of(providerClassNames), StandardCharsets.UTF_8);
  }

  private URLClassLoader loader() {
    try {
      return new URLClassLoader(new URL[] {classpath.toUri().toURL()}, ProvidersTest.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String logged() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- test doubles
  // ServiceLoader instantiates only public classes through a public no-argument constructor.

  static class FakeFormat implements FormatWriterProvider {
    private final String id;

    FakeFormat(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public String mediaType() {
      return "text/plain";
    }

    @Override
    public List<String> validate(FormatSpec format) {
      return List.of();
    }

    @Override
    public FormatWriter open(OutputStream out, Schema schema, FormatSpec format) {
      throw new UnsupportedOperationException("discovery test double");
    }
  }

  static class FakeTransport implements TransportProvider {
    private final String id;

    FakeTransport(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Transport open(Destination destination, SecretResolver secrets) {
      throw new UnsupportedOperationException("discovery test double");
    }
  }

  public static final class CsvFormat extends FakeFormat {
    public CsvFormat() {
      super("csv");
    }
  }

  public static final class OtherCsvFormat extends FakeFormat {
    public OtherCsvFormat() {
      super("csv");
    }
  }

  public static final class JsonFormat extends FakeFormat {
    public JsonFormat() {
      super("json");
    }
  }

  public static final class UpperCaseFormat extends FakeFormat {
    public UpperCaseFormat() {
      super("CSV");
    }
  }

  public static final class ExplodingFormat extends FakeFormat {
    public ExplodingFormat() {
      super("boom");
      throw new IllegalStateException("no licence key in this test");
    }
  }

  public static final class SftpTransport extends FakeTransport {
    public SftpTransport() {
      super("sftp");
    }
  }
}
