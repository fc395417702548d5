package io.exportkit.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.Destination;
import io.exportkit.SecretRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DestinationOptionReaderTest {

  @Test
  void readsTypedOptionsAndFallsBackWhenAbsent() {
    Destination destination = Destination.of("sftp://acme@host/out").withOption("passive", "TRUE")
        .withOption("timeout", "PT5S").withOption("attempts", "4").withOption("knownHosts", "/etc/ssh/known_hosts");
    DestinationOptionReader read = new DestinationOptionReader(destination);

    assertThat(read.bool("passive", false)).isTrue();
    assertThat(read.duration("timeout", Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(5));
    assertThat(read.integer("attempts", 3, 1, 10)).isEqualTo(4);
    assertThat(read.path("knownHosts")).isEqualTo(Path.of("/etc/ssh/known_hosts"));
    assertThat(read.integer("absent", 3, 1, 10)).isEqualTo(3);
    assertThat(read.problems()).isEmpty();
  }

  @Test
  void collectsEveryBadValueAndUnknownNameInsteadOfStoppingAtTheFirst() {
    Destination destination = Destination.of("sftp://acme@host/out").withOption("passive", "yes")
        .withOption("timeout", "-PT1S").withOption("attempts", "11").withOption("colour", "red")
        .withSecret("passwrd", SecretRef.of("vault:x"));
    DestinationOptionReader read = new DestinationOptionReader(destination);

    read.bool("passive", true);
    read.duration("timeout", Duration.ofSeconds(30));
    read.integer("attempts", 3, 1, 10);
    read.rejectUnknown("sftp", Set.of("passive", "timeout", "attempts"), Set.of("password"));

    assertThat(read.problems()).containsExactly(
        "option passive must be true or false, not 'yes'",
        "option timeout must be a positive ISO-8601 duration such as PT30S, not '-PT1S'",
        "option attempts must be a whole number from 1 to 10, not '11'",
        "unknown option 'colour' for sftp: destinations; known options: [attempts, passive, timeout]",
        "unknown secret role 'passwrd' for sftp: destinations; known roles: [password]");
  }
}
