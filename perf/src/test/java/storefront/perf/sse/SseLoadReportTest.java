package storefront.perf.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import storefront.perf.sse.ServerMetricsVerticle.ServerMetrics;
import storefront.perf.sse.StockChangesVerticle.ChangeOutcome;

class SseLoadReportTest {
  private static final long MB = 1024 * 1024;
  private final SseLoadConfig config = new SseLoadConfig("http://api", "http://mgmt", "a@b.c", "pw",
      100, 1_000, 30, 1, List.of(), 5, 1, 0, 10_000, 42, 1_000, 512);

  @Test
  void lagPercentilesComeFromEveryRecordedDelivery() {
    LaneStats stats = new LaneStats();
    for (int ms = 1; ms <= 100; ms++) {
      stats.recordLag(ms * 1_000L);
    }
    stats.recordLag(-5); // stamped after receipt: counted as 0

    Histogram lag = stats.lagMicros;
    assertThat(lag.getTotalCount()).isEqualTo(101);
    assertThat(lag.getValueAtPercentile(50.0) / 1000.0).isCloseTo(50.0, offset(0.1));
    assertThat(lag.getValueAtPercentile(99.0) / 1000.0).isCloseTo(99.0, offset(0.1));
    assertThat(lag.getMinValue()).isZero();
    assertThat(stats.earlyLag).isEqualTo(1);
  }

  @Test
  void passesWhenEveryTargetAndCheckHolds() {
    SseLoadReport report = report(tally(100, 100, 0, 0, 900_000), 511 * MB);

    assertThat(report.failures()).isEmpty();
    assertThat(report.passed()).isTrue();
  }

  @Test
  void failsOnEachMissedTargetWithItsReason() {
    SseLoadReport report = report(tally(100, 97, 2, 1, 1_000_000), 512 * MB);

    assertThat(report.failures()).containsExactly(
        "3 of 100 streams did not open",
        "2 deliveries missing",
        "1 deliveries duplicated",
        "p99 lag 1000.4 ms is not below 1000 ms",
        "server heap max 512.0 MB is not below 512 MB");
  }

  @Test
  void aHeapNeverSampledFailsTheRun() {
    SseLoadReport report = new SseLoadReport(config, tally(100, 100, 0, 0, 10_000),
        outcome(), ServerMetrics.NONE.failed("Connection refused"));

    assertThat(report.failures()).containsExactly(
        "server heap never sampled from http://mgmt/metrics (Connection refused)");
  }

  private SseLoadReport report(LaneTally tally, long heapBytes) {
    return new SseLoadReport(config, tally, outcome(), ServerMetrics.NONE.plus(heapBytes, 100));
  }

  private static ChangeOutcome outcome() {
    boolean[] confirmed = {true, true, true, true, true};
    return new ChangeOutcome(confirmed, Map.of());
  }

  private static LaneTally tally(int requested, int opened, long missing, long duplicated,
      long lagMicros) {
    Histogram lag = new Histogram(3_600_000_000L, 3);
    lag.recordValueWithCount(lagMicros, 100);
    long expected = opened * 5L;
    return new LaneTally(requested, opened, opened, Map.of(), Map.of(), expected,
        expected - missing, missing, duplicated, 0, 0, 0, 0, lag);
  }
}
