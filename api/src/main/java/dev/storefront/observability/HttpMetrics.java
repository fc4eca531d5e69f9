package dev.storefront.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code http_server_requests_seconds{method, route, status}}: route is the OpenAPI path template
 * (never the raw path, which would explode the series count) and status is the class (2xx, 4xx).
 * Timers are looked up without building strings, as this runs on every request.
 */
public final class HttpMetrics {
  private static final String[] STATUS_CLASSES = {"1xx", "1xx", "2xx", "3xx", "4xx", "5xx"};

  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, Timer[]>> byRoute = new ConcurrentHashMap<>();
  private final Counter onConnection;
  private final Counter onRequest;

  public HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.onConnection = fastPathCounter(registry, "connection");
    this.onRequest = fastPathCounter(registry, "request");
  }

  private static Counter fastPathCounter(MeterRegistry registry, String stage) {
    return Counter.builder("http_fast_path_responses")
        .description("Requests answered by the catalog fast path, before the router (also counted in "
            + "http_server_requests): on the connection, or once Vert.x has made a request of them")
        .tag("stage", stage)
        .register(registry);
  }

  /**
   * A response sent by the catalog fast path, on the connection before Vert.x made a request of it
   * or from that request; {@link #record} is called for it as well.
   */
  public void fastPath(boolean onConnection) {
    (onConnection ? this.onConnection : onRequest).increment();
  }

  public void record(String method, String route, int status, long nanos) {
    int statusClass = Math.min(Math.max(status / 100, 1), 5);
    Timer[] timers = byRoute.computeIfAbsent(route, r -> new ConcurrentHashMap<>())
        .computeIfAbsent(method, m -> new Timer[STATUS_CLASSES.length]);
    Timer timer = timers[statusClass];
    if (timer == null) {
      timer = Timer.builder("http_server_requests")
          .description("HTTP server request latency by route template")
          .tags("method", method, "route", route, "status", STATUS_CLASSES[statusClass])
          .publishPercentileHistogram()
          .register(registry);
      timers[statusClass] = timer;
    }
    timer.record(nanos, TimeUnit.NANOSECONDS);
  }
}
