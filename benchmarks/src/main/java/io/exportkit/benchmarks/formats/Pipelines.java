package io.exportkit.benchmarks.formats;

import io.exportkit.ExportRun;
import io.exportkit.ExportService;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Our whole pipeline: one published export per format and compression, run again per operation. */
@State(Scope.Benchmark)
public class Pipelines {
  private ExportService service;
  private String csv;
  private String csvGzip;
  private String json;
  private String xml;
  private String txt;

  @Setup(Level.Trial)
  public void publish(Rows rows) {
    service = rows.service();
    csv = Rows.publish(service, "csv", "none");
    csvGzip = Rows.publish(service, "csv", "gzip");
    json = Rows.publish(service, "json", "none");
    xml = Rows.publish(service, "xml", "none");
    txt = Rows.publish(service, "txt", "none");
  }

  ExportRun csv() {
    return Rows.rerun(service, csv);
  }

  ExportRun csvGzip() {
    return Rows.rerun(service, csvGzip);
  }

  ExportRun json() {
    return Rows.rerun(service, json);
  }

  ExportRun xml() {
    return Rows.rerun(service, xml);
  }

  ExportRun txt() {
    return Rows.rerun(service, txt);
  }
}
