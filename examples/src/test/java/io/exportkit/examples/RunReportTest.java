package io.exportkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.ExportRun;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunReportTest {
  private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void succeededRunIsOneLineWithTheContractMembersInOrder() {
    ExportRun run = ExportRun.running("r1", "e1", 2, 1, null, START)
        .succeeded(START.plusMillis(1234), 10, 300, "ab12", "demo.csv", URI.create("file:///tmp/out/demo.csv"), Map.of());

    String json = RunReport.json(run);

    assertThat(json).isEqualTo("{\"outcome\":\"SUCCEEDED\",\"rows\":10,\"bytes\":300,\"sha256\":\"ab12\","
        + "\"file\":\"demo.csv\",\"location\":\"file:///tmp/out/demo.csv\",\"durationMs\":1234}");
  }

  @Test
  void failedRunCarriesItsErrorAndNullsForWhatWasNotDelivered() {
    ExportRun run = ExportRun.running("r1", "e1", 2, 1, null, START).failed(START, 5, null, "delivery to file:/x failed");

    Map<String, Object> report = JsonLine.parse(RunReport.json(run));

    assertThat(report).containsEntry("outcome", "FAILED").containsEntry("rows", 5L).containsEntry("sha256", null)
        .containsEntry("location", null).containsEntry("error", "delivery to file:/x failed");
  }

  @Test
  void stringsAreEscapedSoTheLineStaysValidJsonInAnyConsoleEncoding() {
    String nasty = "say \"hi\"\\ C:\\tmp\nnext\r\tline \u0001 café 中文 🎉";
    ExportRun run = ExportRun.running("r1", "e1", 2, 1, null, START).failed(START, 0, nasty, nasty);

    String json = RunReport.json(run);

    assertThat(json).doesNotContain("\n", "\r", "\t", "\u0001").matches("\\p{ASCII}+");
    assertThat(JsonLine.parse(json)).containsEntry("file", nasty).containsEntry("error", nasty);
  }
}
