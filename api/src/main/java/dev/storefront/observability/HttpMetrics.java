package dev.storefront.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code http_server_requests_seconds{method, route, status}}: route is the OpenAPI path template
 * (never the raw path, which would explode the series count) and status is the class (2xx, 4xx).
 */
public final class HttpMetrics {
  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

  public HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void record(String method, String route, int status, long nanos) {
    String statusClass = (status / 100) + "xx";
    String key = method + ' ' + route + ' ' + statusClass;
    Timer timer = timers.get(key);
    if (timer == null) {
      timer = timers.computeIfAbsent(key, k -> Timer.builder("http_server_requests")
          .description("HTTP server request latency by route template")
          .tags("method", method, "route", route, "status", statusClass)
          .publishPercentileHistogram()
          .register(registry));
    }
    timer.record(nanos, TimeUnit.NANOSECONDS);
  }
}
