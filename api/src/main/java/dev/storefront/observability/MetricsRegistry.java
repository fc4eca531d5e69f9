package dev.storefront.observability;

import dev.storefront.cache.RedisStore;
import dev.storefront.catalog.CatalogSync;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * One Prometheus registry per process: JVM metrics, Vert.x pool metrics (PostgreSQL and Redis
 * pools by name) and the application's own meters. Vert.x's HTTP server metrics are off: the
 * application records latency by route template itself ({@link HttpMetrics}).
 */
public final class MetricsRegistry {
  private MetricsRegistry() {}

  public static PrometheusMeterRegistry create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }

  public static Vertx vertx(PrometheusMeterRegistry registry) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)
        .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT)
        .addDisabledMetricsCategory(MetricsDomain.NET_SERVER)
        .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
        .addDisabledMetricsCategory(MetricsDomain.DATAGRAM_SOCKET)
        .addLabels(Label.POOL_NAME, Label.POOL_TYPE, Label.NAMESPACE);
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  /** Alert when above 1: the promise is that other instances' writes show here within a second. */
  public static void bindSyncLag(PrometheusMeterRegistry registry, CatalogSync sync) {
    Gauge.builder("catalog_sync_lag_seconds", sync, CatalogSync::lagSeconds)
        .description("Time since the last successful catalog change-feed poll")
        .register(registry);
  }

  public static void bindCircuit(PrometheusMeterRegistry registry, RedisStore store) {
    Gauge.builder("cache_redis_circuit_open", store, s -> s.circuitOpen() ? 1 : 0)
        .description("1 while the Redis circuit breaker is open and reads go straight to PostgreSQL")
        .register(registry);
  }
}
