package io.exportkit;

import static io.exportkit.ServiceFixture.NOW;
import static io.exportkit.ServiceFixture.PLANNED_AT;
import static io.exportkit.ServiceFixture.planned;
import static io.exportkit.ServiceFixture.rapid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The part of {@link ExportService} that schedulers drive: due exports, claims, leases and firing.
 * The scheduler's own tests (export-scheduling) drive it through time, clusters and crashes.
 */
class ExportFiringTest {
  private static final ExportService.Firing NODE_1 =
      new ExportService.Firing("node-1", Duration.ofMinutes(5), 3, Duration.ofMinutes(1), Duration.ofMinutes(1));
  private static final ExportService.Firing NODE_2 =
      new ExportService.Firing("node-2", Duration.ofMinutes(5), 3, Duration.ofMinutes(1), Duration.ofMinutes(1));

  private final ServiceFixture fx = new ServiceFixture();
  private final ExportService exports = fx.builder().build();
  private final Export scheduled = exports.publish(exports.create(rapid("planned").trigger(planned()).build()).id());

  @Test
  void publishingRecordsWhenAndSchedulesTheFirstFire() {
    assertThat(scheduled.publishedAt()).isEqualTo(NOW);
    assertThat(scheduled.nextFireAt()).isEqualTo(PLANNED_AT);
    assertThat(scheduled.dueAt()).isEqualTo(PLANNED_AT);
    assertThat(scheduled.lease()).isNull();
  }

  @Test
  void anExportIsDueOnceItsFireTimeHasCome() {
    assertThat(exports.due(PLANNED_AT.minusNanos(1), 10)).isEmpty();
    assertThat(exports.due(PLANNED_AT, 10)).extracting(Export::id).containsExactly(scheduled.id());
  }

  @Test
  void anExportThatIsNotDueCannotBeClaimed() {
    assertThat(exports.claim(scheduled.id(), PLANNED_AT.minusSeconds(1), NODE_1)).isEmpty();
    assertThat(exports.claim("no-such-export", PLANNED_AT, NODE_1)).isEmpty();
  }

  @Test
  void anOccurrenceIsClaimedOnceAndLeasedToItsClaimant() {
    Export claimed = exports.claim(scheduled.id(), PLANNED_AT, NODE_1).orElseThrow();

    boolean claimedAgain = exports.claim(scheduled.id(), PLANNED_AT, NODE_2).isPresent();

    assertThat(claimedAgain).isFalse();
    assertThat(claimed.status()).isEqualTo(ExportStatus.IN_PROGRESS);
    assertThat(claimed.lease()).isEqualTo(new Export.Lease(PLANNED_AT, 1, "node-1", PLANNED_AT.plus(Duration.ofMinutes(5))));
    assertThat(claimed.dueAt()).isEqualTo(claimed.lease().expiresAt());
  }

  @Test
  void onlyTheClaimantRenewsItsLease() {
    exports.claim(scheduled.id(), PLANNED_AT, NODE_1);
    Instant later = PLANNED_AT.plus(Duration.ofMinutes(9));

    boolean byAnother = exports.renewLease(scheduled.id(), "node-2", later);
    boolean byTheClaimant = exports.renewLease(scheduled.id(), "node-1", later);

    assertThat(byAnother).isFalse();
    assertThat(byTheClaimant).isTrue();
    assertThat(exports.get(scheduled.id()).lease().expiresAt()).isEqualTo(later);
  }

  @Test
  void fireRefusesAnExportThatTheFiringSchedulerDidNotClaim() {
    Export claimed = exports.claim(scheduled.id(), PLANNED_AT, NODE_1).orElseThrow();

    Throwable thrown = catchThrowable(() -> exports.fire(claimed, NODE_2));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("export " + scheduled.id() + " is not claimed by 'node-2'; fire only what claim(...) returned");
  }

  @Test
  void firingRunsTheOccurrenceAndEndsIt() {
    fx.clock.set(PLANNED_AT);
    Export claimed = exports.claim(scheduled.id(), PLANNED_AT, NODE_1).orElseThrow();

    ExportRun run = exports.fire(claimed, NODE_1);

    Export closed = exports.get(scheduled.id());
    assertThat(run.succeeded()).isTrue();
    assertThat(run.occurrence()).isEqualTo(PLANNED_AT);
    assertThat(closed.status()).isEqualTo(ExportStatus.CLOSED);
    assertThat(closed.lease()).isNull();
    assertThat(closed.lastRun()).isEqualTo(run);
    assertThat(exports.due(PLANNED_AT.plus(Duration.ofDays(1)), 10)).isEmpty();
  }

  @Test
  void onlyAnExportInProgressHoldsALease() {
    Export.Lease lease = new Export.Lease(PLANNED_AT, 1, "node-1", PLANNED_AT);

    Throwable thrown = catchThrowable(() -> new Export("e1", 1, 1, ExportStatus.SCHEDULED, false, scheduled.definition(),
        NOW, NOW, NOW, PLANNED_AT, lease, null));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("only an IN_PROGRESS export holds a lease, not a SCHEDULED one");
  }
}
