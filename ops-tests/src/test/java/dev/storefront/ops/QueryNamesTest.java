package dev.storefront.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The name extraction the live metric check relies on: a name it missed would go unchecked. */
class QueryNamesTest {
  @Test
  void findsEveryMetricAndNoFunctionLabelOrNumber() {
    assertThat(QueryNames.metrics("histogram_quantile(0.95, sum by (le, route) (rate(http_server_requests_seconds_bucket"
        + "{route!~\".*/stream\"}[5m]))) > 0.3")).containsExactly("http_server_requests_seconds_bucket");
    assertThat(QueryNames.metrics("max by (instance) (catalog_sync_lag_seconds) > 1 or max by (instance) "
        + "(events_feed_lag_seconds) > 1")).containsExactly("catalog_sync_lag_seconds", "events_feed_lag_seconds");
    assertThat(QueryNames.metrics("(sum(rate(a_total{status=\"5xx\"}[1m])) or vector(0)) / sum(rate(a_total[1m]))"))
        .containsExactly("a_total");
    assertThat(QueryNames.metrics("time() - max(backup_newest_success_timestamp_seconds) > 25 * 3600"))
        .containsExactly("backup_newest_success_timestamp_seconds");
  }

  @Test
  void findsTheLogFieldsFilteredAfterJson() {
    assertThat(QueryNames.logFields("{namespace=\"storefront\", app=\"storefront-api\"} | json | level=\"ERROR\" or status >= 500"))
        .containsExactly("level", "status");
    assertThat(QueryNames.logFields("{app=\"storefront-api\", level=~\"WARN|ERROR\"} | json")).isEmpty();
  }
}
