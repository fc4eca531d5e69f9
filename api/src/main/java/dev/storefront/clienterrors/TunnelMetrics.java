package dev.storefront.clienterrors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code browser_error_envelopes_total{outcome}}: forwarded, refused (another project), limited, upstream_failed. */
final class TunnelMetrics {
  private final Counter forwarded;
  private final Counter refused;
  private final Counter limited;
  private final Counter upstreamFailed;

  TunnelMetrics(MeterRegistry registry) {
    this.forwarded = counter(registry, "forwarded");
    this.refused = counter(registry, "refused");
    this.limited = counter(registry, "limited");
    this.upstreamFailed = counter(registry, "upstream_failed");
  }

  private static Counter counter(MeterRegistry registry, String outcome) {
    return Counter.builder("browser_error_envelopes").tag("outcome", outcome)
        .description("Browser error envelopes received by the tunnel, by outcome").register(registry);
  }

  void forwarded() {
    forwarded.increment();
  }

  void refused() {
    refused.increment();
  }

  void limited() {
    limited.increment();
  }

  void upstreamFailed() {
    upstreamFailed.increment();
  }
}
