package dev.storefront.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.TestApp;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Before it reports ready, an instance has run its own hot reads through the whole request path. */
class HttpWarmupTest {
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("http_warmup", Map.of("HTTP_WARMUP_REQUESTS", "5000", "CACHE_WARM_TIMEOUT_MS", "60000",
        "CACHE_L1_TTL_MS", "600000"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static long served(String route) {
    return t.app.registry().find("http_server_requests").tag("route", route).timers().stream()
        .mapToLong(Timer::count).sum();
  }

  @Test
  void theHotReadsHaveBeenServedBeforeStartCompletes() {
    long pdp = served("/api/v1/products/{id}");
    long plp = served("/api/v1/products");
    assertThat(pdp + plp + served("/api/v1/categories")).as("every warm-up request was answered").isGreaterThanOrEqualTo(5000);
    assertThat(pdp).isGreaterThan(200);
    assertThat(plp).isGreaterThan(50);
    Timer pdpLoads = t.app.registry().find("cache_load").tag("cache", "pdp").timer();
    assertThat(pdpLoads == null ? 0 : pdpLoads.count()).as("served from the warmed caches, not the database").isZero();
  }

  @Test
  void aWarmUpCutShortByItsDeadlineStopsQuietly() throws Exception {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    java.util.concurrent.atomic.AtomicInteger unhandled = new java.util.concurrent.atomic.AtomicInteger();
    vertx.exceptionHandler(e -> unhandled.incrementAndGet());
    try {
      HttpWarmup.run(vertx, t.app.port(), 10_000_000, 300).await();
      Thread.sleep(1_000); // answers in flight at the deadline arrive after the client closed
      assertThat(unhandled.get()).as("no request sent on the closed client").isZero();
    } finally {
      vertx.close().await();
    }
  }
}
