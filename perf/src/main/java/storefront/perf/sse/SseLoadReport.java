package storefront.perf.sse;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import storefront.perf.sse.ServerMetricsVerticle.ServerMetrics;
import storefront.perf.sse.StockChangesVerticle.ChangeOutcome;

/** The summary of a run and its verdict against the targets. */
record SseLoadReport(
    SseLoadConfig config, LaneTally streams, ChangeOutcome changes, ServerMetrics server) {
  private static final double MIB = 1024.0 * 1024.0;

  /** Why the run failed, one line per missed target or check; empty when it passed. */
  List<String> failures() {
    List<String> failures = new ArrayList<>();
    if (streams.opened() < streams.requested()) {
      failures.add(streams.failed() + " of " + streams.requested() + " streams did not open");
    }
    if (streams.stillOpen() < streams.opened()) {
      failures.add((streams.opened() - streams.stillOpen()) + " streams were dropped during the run");
    }
    int confirmed = changes.confirmedCount();
    if (confirmed < changes.confirmed().length) {
      failures.add((changes.confirmed().length - confirmed) + " stock changes failed");
    }
    check(failures, streams.missing(), "deliveries missing");
    check(failures, streams.duplicated(), "deliveries duplicated");
    check(failures, streams.outOfOrder(), "deliveries out of id order");
    check(failures, streams.malformed(), "stock events unreadable");
    Histogram lag = streams.lagMicros();
    if (lag.getTotalCount() == 0) {
      failures.add("no stock event was received");
    } else if (millis(lag, 99.0) >= config.p99Ms()) {
      failures.add(String.format("p99 lag %.1f ms is not below %d ms", millis(lag, 99.0), config.p99Ms()));
    }
    if (server.heapMaxBytes() < 0) {
      failures.add("server heap never sampled from " + config.managementUrl() + "/metrics"
          + (server.failures() > 0 ? " (" + server.lastFailure() + ")" : ""));
    } else if (server.heapMaxBytes() / MIB >= config.heapMb()) {
      failures.add(String.format("server heap max %.1f MB is not below %d MB",
          server.heapMaxBytes() / MIB, config.heapMb()));
    }
    return failures;
  }

  boolean passed() {
    return failures().isEmpty();
  }

  void print(PrintStream out) {
    Histogram lag = streams.lagMicros();
    out.println();
    out.printf("SSE streams against %s: %d changes/s for %d s%n",
        config.baseUrl(), config.changesPerSecond(), config.durationSeconds());
    out.printf("streams   requested %d  open %d  failed %d  dropped %d  (server sse_streams_open max %s)%n",
        streams.requested(), streams.opened(), streams.failed(),
        streams.opened() - streams.stillOpen(), known(server.streamsOpenMax()));
    reasons(out, "connect failures", streams.connectFailures());
    reasons(out, "drops", streams.drops());
    out.printf("changes   planned %d  confirmed %d  failed %d%n", changes.confirmed().length,
        changes.confirmedCount(), changes.confirmed().length - changes.confirmedCount());
    reasons(out, "change failures", changes.failures());
    out.printf("events    expected %d  delivered %d  missing %d  duplicated %d  out-of-order %d"
            + "  unexpected %d  malformed %d%n",
        streams.expected(), streams.delivered(), streams.missing(), streams.duplicated(),
        streams.outOfOrder(), streams.unexpected(), streams.malformed());
    out.printf("lag ms    p50 %.1f  p95 %.1f  p99 %.1f  max %.1f  (%d first deliveries%s)%n",
        millis(lag, 50.0), millis(lag, 95.0), millis(lag, 99.0), lag.getMaxValue() / 1000.0,
        lag.getTotalCount(), streams.earlyLag() > 0
            ? ", " + streams.earlyLag() + " stamped after receipt, counted as 0" : "");
    out.printf("heap MB   max %s  last %s  (%d samples of %s/metrics%s)%n",
        mib(server.heapMaxBytes()), mib(server.heapLastBytes()), server.samples(),
        config.managementUrl(), server.failures() == 0 ? ""
            : ", " + server.failures() + " scrapes failed, last: " + server.lastFailure());
    out.printf("targets   %d streams, p99 < %d ms, heap < %d MB%n",
        config.streams(), config.p99Ms(), config.heapMb());
    List<String> failures = failures();
    out.println(failures.isEmpty() ? "PASS" : "FAIL: " + String.join("; ", failures));
  }

  private static void check(List<String> failures, long count, String what) {
    if (count > 0) {
      failures.add(count + " " + what);
    }
  }

  private static double millis(Histogram lag, double percentile) {
    return lag.getValueAtPercentile(percentile) / 1000.0;
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "n/a" : String.format("%.1f", bytes / MIB);
  }

  private static String known(long value) {
    return value < 0 ? "n/a" : Long.toString(value);
  }

  private static void reasons(PrintStream out, String title, Map<String, Integer> reasons) {
    if (!reasons.isEmpty()) {
      out.printf("  %s: %s%n", title, reasons);
    }
  }
}
