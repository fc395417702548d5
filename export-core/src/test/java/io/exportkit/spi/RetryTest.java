package io.exportkit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {
  private static final URI TARGET = URI.create("sftp://acme@host/out");

  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicInteger reconnects = new AtomicInteger();
  private final Retry retry = new Retry(TARGET, 3, Duration.ofMillis(1), e -> e instanceof ConnectException,
      reconnects::incrementAndGet);

  @Test
  void aTransientFailureIsTriedAgainAfterDroppingTheConnection() throws IOException {
    String result = retry.call("connecting", () -> {
      if (attempts.incrementAndGet() < 3) {
        throw new ConnectException("refused");
      }
      return "connected";
    });

    assertThat(result).isEqualTo("connected");
    assertThat(attempts).hasValue(3);
    assertThat(reconnects).hasValue(2);
  }

  @Test
  void aPermanentFailureIsThrownAtOnce() {
    IOException failure = catchThrowableOfType(IOException.class, () -> retry.call("connecting", () -> {
      attempts.incrementAndGet();
      throw new IOException("login refused");
    }));

    assertThat(failure).hasMessage("login refused");
    assertThat(attempts).hasValue(1);
  }

  @Test
  void theLastTransientFailureSaysHowManyAttemptsWereMade() {
    IOException failure = catchThrowableOfType(IOException.class, () -> retry.call("commit", () -> {
      attempts.incrementAndGet();
      throw new ConnectException("refused");
    }));

    assertThat(failure).hasMessage("sftp://acme@host/out: commit failed after 3 attempts: refused");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void aSingleAttemptIsNotCalledARetry() {
    Retry once = new Retry(TARGET, 1, Duration.ofMillis(1), e -> true, reconnects::incrementAndGet);

    IOException failure = catchThrowableOfType(IOException.class, () -> once.call("connecting", () -> {
      attempts.incrementAndGet();
      throw new ConnectException("refused");
    }));

    assertThat(failure).isInstanceOf(ConnectException.class).hasMessage("refused");
    assertThat(attempts).hasValue(1);
  }
}
