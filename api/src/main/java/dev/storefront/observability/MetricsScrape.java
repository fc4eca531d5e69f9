package dev.storefront.observability;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The Prometheus text of the registry, rendered on a worker thread (rendering every histogram is
 * milliseconds of CPU) and shared: scrapes that arrive while a rendering runs, or less than
 * {@code maxAgeMs} after it finished, get that rendering. However many scrapers there are, the
 * process renders at most about once per {@code maxAgeMs}.
 */
public final class MetricsScrape {
  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final long maxAgeNanos;
  private Future<Buffer> latest;
  private long startedAt;

  public MetricsScrape(Vertx vertx, PrometheusMeterRegistry registry, long maxAgeMs) {
    this.vertx = vertx;
    this.registry = registry;
    this.maxAgeNanos = maxAgeMs * 1_000_000;
  }

  public synchronized Future<Buffer> text() {
    long now = System.nanoTime();
    boolean fresh = latest != null && (!latest.isComplete() || latest.succeeded() && now - startedAt < maxAgeNanos);
    if (!fresh) {
      startedAt = now;
      latest = vertx.executeBlocking(() -> Buffer.buffer(registry.scrape()), false);
    }
    return latest;
  }
}
