package io.exportkit.scheduling;

import io.exportkit.ParticipantRecord;
import io.exportkit.ParticipantSource;
import io.exportkit.SourceQuery;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/** A node's participant source: a real in-memory one that a test can make fail, or kill its node mid-stream. */
final class ScriptedSource implements ParticipantSource {
  private final ParticipantSource rows;
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicBoolean killNext = new AtomicBoolean();
  private final AtomicReference<CountDownLatch> endless = new AtomicReference<>();

  ScriptedSource(ParticipantSource rows) {
    this.rows = rows;
  }

  /** The next {@code opens} opens fail, as a database that is down. */
  void failNextOpens(int opens) {
    failures.set(opens);
  }

  /**
   * The next run streams its first row again and again, never ending unless it is stopped;
   * {@code streaming} counts down at each row.
   */
  void streamEndlessly(CountDownLatch streaming) {
    endless.set(streaming);
  }

  /** The next run kills its node after streaming its first row. */
  void killNodeMidStream() {
    killNext.set(true);
  }

  @Override
  public Stream<ParticipantRecord> open(SourceQuery query) {
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("database unavailable");
    }
    CountDownLatch streaming = endless.getAndSet(null);
    if (streaming != null) {
      ParticipantRecord first = rows.open(query).findFirst().orElseThrow();
      return Stream.generate(() -> {
        streaming.countDown();
        return first;
      });
    }
    if (!killNext.getAndSet(false)) {
      return rows.open(query);
    }
    AtomicInteger streamed = new AtomicInteger();
    return rows.open(query).peek(row -> {
      if (streamed.incrementAndGet() > 1) {
        throw new NodeKilled("mid-stream");
      }
    });
  }
}
