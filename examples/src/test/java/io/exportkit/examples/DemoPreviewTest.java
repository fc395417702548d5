package io.exportkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --trigger}, {@code --zone}, {@code --preview} and {@code --now}. The expected instants are
 * written out with the offset Paris has on each day (CET +01:00 in winter, CEST +02:00 in summer;
 * in 2026 the clocks go forward on March 29 at 02:00 and back on October 25 at 03:00).
 */
class DemoPreviewTest {
  private static final ZoneOffset CET = ZoneOffset.ofHours(1);
  private static final ZoneOffset CEST = ZoneOffset.ofHours(2);

  @Test
  void dailyPreviewKeepsTheLocalTimeAcrossTheSpringChange() {
    Demo.Result result = Demo.run("--trigger", "daily:06:30", "--zone", "Europe/Paris", "--preview", "4",
        "--now", "2026-03-27T12:00:00Z");

    assertThat(result.exit()).as(result.err()).isZero();
    // 06:30 CET is 05:30 UTC; from March 29 on, 06:30 CEST is 04:30 UTC.
    assertThat(result.out().lines()).containsExactly(
        "2026-03-28T05:30:00Z", "2026-03-29T04:30:00Z", "2026-03-30T04:30:00Z", "2026-03-31T04:30:00Z");
  }

  @Test
  void weeklyPreviewAtATimeTheSpringChangeSkipsFiresWhenTheClocksJump() {
    Demo.Result result = Demo.run("--trigger", "weekly:SUNDAY@02:30", "--zone", "Europe/Paris", "--preview", "3",
        "--now", "2026-03-20T00:00:00Z");

    assertThat(result.exit()).as(result.err()).isZero();
    // 02:30 does not exist on March 29: the clocks jump from 02:00 to 03:00, when the export fires.
    assertThat(result.out().lines()).containsExactly(
        paris(2026, 3, 22, 2, 30, CET), paris(2026, 3, 29, 3, 0, CEST), paris(2026, 4, 5, 2, 30, CEST));
  }

  @Test
  void weeklyPreviewAtATimeTheAutumnChangeRepeatsFiresOnce() {
    Demo.Result result = Demo.run("--trigger", "weekly:sunday@02:30", "--zone", "Europe/Paris", "--preview", "3",
        "--now", "2026-10-18T12:00:00Z");

    assertThat(result.exit()).as(result.err()).isZero();
    // 02:30 happens twice on October 25 (CEST, then CET): the first one fires.
    assertThat(result.out().lines()).containsExactly(
        paris(2026, 10, 25, 2, 30, CEST), paris(2026, 11, 1, 2, 30, CET), paris(2026, 11, 8, 2, 30, CET));
  }

  @Test
  void zoneDefaultsToUtc() {
    Demo.Result result = Demo.run("--trigger", "weekly:MONDAY@06:00", "--preview", "2", "--now", "2026-03-27T12:00:00Z");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out().lines()).containsExactly("2026-03-30T06:00:00Z", "2026-04-06T06:00:00Z");
  }

  @Test
  void immediatePreviewIsNow() {
    Demo.Result result = Demo.run("--preview", "3", "--now", "2026-03-27T12:00:00Z");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out().lines()).containsExactly("2026-03-27T12:00:00Z");
  }

  @Test
  void plannedPreviewFiresOnceAtItsLocalTime() {
    Demo.Result result = Demo.run("--trigger", "at:2026-12-01T08:00", "--zone", "Europe/Paris", "--preview", "5",
        "--now", "2026-03-27T12:00:00Z");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out().lines()).containsExactly(paris(2026, 12, 1, 8, 0, CET));
  }

  @Test
  void plannedTimeAlreadyPastPreviewsNothing() {
    Demo.Result result = Demo.run("--trigger", "at:2026-01-01T08:00", "--preview", "5", "--now", "2026-03-27T12:00:00Z");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).isEmpty();
  }

  @Test
  void atEndPreviewIsTheEndOfTheChosenOperation() {
    Demo.Result instantWin = Demo.run("--trigger", "at-end", "--preview", "2", "--now", "2026-03-27T12:00:00Z");
    Demo.Result quiz = Demo.run("--trigger", "at-end", "--operation", "quiz", "--preview", "2",
        "--now", "2026-03-27T12:00:00Z");

    assertThat(instantWin.out().lines()).containsExactly("2026-06-01T00:00:00Z");
    assertThat(quiz.out().lines()).containsExactly("2026-08-01T00:00:00Z");
  }

  @Test
  void previewOfZeroInstantsPrintsNothing() {
    Demo.Result result = Demo.run("--trigger", "daily:06:30", "--preview", "0");

    assertThat(result.exit()).isZero();
    assertThat(result.out()).isEmpty();
  }

  @Test
  void previewWithoutNowStartsFromTheCurrentTime() {
    Instant before = Instant.now();

    Demo.Result result = Demo.run("--trigger", "daily:06:30", "--preview", "1");

    Instant fire = Instant.parse(result.out().strip());
    assertThat(fire).isAfter(before).isBefore(before.plusSeconds(24 * 3600 + 60));
  }

  @Test
  void previewExportsNothing() {
    Demo.Result result = Demo.run("--preview", "1", "--to", "file:does-not-matter");

    assertThat(result.out()).doesNotContain("outcome");
    assertThat(result.err()).doesNotContain("exported");
  }

  @ParameterizedTest
  @ValueSource(strings = {"daily:06:30", "weekly:MONDAY@06:00", "at:2026-12-01T08:00", "at-end"})
  void scheduledTriggerWithoutPreviewIsRefused(String spec) {
    Demo.Result result = Demo.run("--trigger", spec);

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("a scheduled trigger needs a running scheduler; use --preview N to see its fire times");
  }

  @Test
  void immediateTriggerExports(@TempDir Path dir) {
    Demo.Result result = Demo.run("--trigger", "immediate", "--participants", "10", "--to", "file:" + dir);

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.report()).containsEntry("outcome", "SUCCEEDED").containsEntry("rows", 10L);
  }

  @Test
  void badZoneNamesTheForms() {
    Demo.Result result = Demo.run("--trigger", "daily:06:30", "--zone", "Paris", "--preview", "1");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("--zone must be a time zone such as UTC, Europe/Paris or +02:00, not 'Paris'");
  }

  @Test
  void badTriggerNamesTheAcceptedForms() {
    Demo.Result result = Demo.run("--trigger", "monthly:1@06:00", "--preview", "1");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("--trigger: trigger 'monthly:1@06:00' is not one of: immediate | at:YYYY-MM-DDTHH:MM");
  }

  @Test
  void badNowShowsAnInstant() {
    Demo.Result result = Demo.run("--preview", "1", "--now", "2026-03-27 12:00");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("--now must be an ISO-8601 instant such as 2026-03-27T12:00:00Z");
  }

  @Test
  void negativePreviewIsRefused() {
    Demo.Result result = Demo.run("--preview", "-1");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("--preview must be a whole number from 0 to 10000, not '-1'");
  }

  @Test
  void nowWithoutPreviewIsRefused() {
    Demo.Result result = Demo.run("--now", "2026-03-27T12:00:00Z");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("--now sets where --preview starts from; it needs --preview N");
  }

  @Test
  void atEndPreviewOfAnOperationTheAccountLacksIsRefused() {
    Demo.Result result = Demo.run("--trigger", "at-end", "--operation", "lottery", "--preview", "1");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("--operation lottery: the account has no such operation; it has [instant-win, quiz, sweepstakes]");
  }

  @Test
  void atEndPreviewOfSeveralOperationsIsRefused() {
    Demo.Result result = Demo.run("--type", "global", "--operation", "quiz,sweepstakes", "--trigger", "at-end",
        "--preview", "1");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("--trigger at-end fires when one operation ends: name it with --operation");
  }

  private static String paris(int year, int month, int day, int hour, int minute, ZoneOffset offset) {
    return OffsetDateTime.of(year, month, day, hour, minute, 0, 0, offset).toInstant().toString();
  }
}
