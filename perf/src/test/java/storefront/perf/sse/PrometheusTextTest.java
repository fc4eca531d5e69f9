package storefront.perf.sse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
  private static final String METRICS = """
      # HELP jvm_memory_used_bytes The amount of used memory
      # TYPE jvm_memory_used_bytes gauge
      jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.2E7
      jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
      jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 3000000.0 1700000000000
      jvm_memory_used_bytes_total{area="heap"} 99
      sse_streams_open 10000.0
      sse_delivery_lag_seconds_count 42
      """;

  @Test
  void sumsTheSeriesWithTheLabel() {
    assertThat(PrometheusText.sum(METRICS, "jvm_memory_used_bytes", "area=\"heap\""))
        .isEqualTo(15_000_000.0);
  }

  @Test
  void readsAnUnlabelledGaugeAndNotMetricsThatOnlyShareItsPrefix() {
    assertThat(PrometheusText.sum(METRICS, "sse_streams_open", "")).isEqualTo(10_000.0);
    assertThat(PrometheusText.sum(METRICS, "sse_delivery_lag_seconds", "")).isNaN();
  }

  @Test
  void anAbsentMetricIsNaN() {
    assertThat(PrometheusText.sum(METRICS, "process_cpu_usage", "")).isNaN();
  }
}
