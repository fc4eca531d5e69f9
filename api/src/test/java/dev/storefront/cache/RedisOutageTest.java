package dev.storefront.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Contract;
import dev.storefront.support.Infrastructure;
import dev.storefront.support.SwitchableProxy;
import dev.storefront.support.TestApp;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis stops answering while requests flow: reads must stay 200, served from PostgreSQL, and once
 * Redis answers again they must be served from Redis again. The in-process cache is kept to one
 * entry so reads reach Redis rather than process memory.
 */
class RedisOutageTest {
  static SwitchableProxy proxy;
  static TestApp t;

  @BeforeAll
  static void start() {
    proxy = new SwitchableProxy(Infrastructure.redisUrl());
    t = TestApp.start("redis_outage", Map.of("REDIS_URL", proxy.url(), "REDIS_TIMEOUT_MS", "100",
        "CACHE_BREAKER_FAILURES", "3", "CACHE_BREAKER_RESET_MS", "500", "CACHE_L1_MAX_BYTES", "0"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
    proxy.close();
  }

  private static List<Integer> burst(int requests) {
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    List<String> uris = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      int id = 1 + ThreadLocalRandom.current().nextInt(TestApp.PRODUCTS);
      String uri = i % 4 == 0 ? "/api/v1/products?category=" + (11 + id % 40) + "&page=" + (1 + id % 3)
          : "/api/v1/products/" + id;
      uris.add(uri);
      sent.add(t.client.get(uri).send());
    }
    Future.join(sent).await();
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      var f = sent.get(i);
      if (f.succeeded()) Contract.checked(io.vertx.core.http.HttpMethod.GET, uris.get(i), f.result());
      statuses.add(f.succeeded() ? f.result().statusCode() : -1);
    }
    return statuses;
  }

  private static double errors() {
    Counter c = t.app.registry().find("cache_requests").tags("cache", "pdp", "result", "error").counter();
    return c == null ? 0 : c.count();
  }

  private static double redisHits() {
    Counter c = t.app.registry().find("cache_requests").tags("cache", "pdp", "result", "hit", "tier", "redis").counter();
    return c == null ? 0 : c.count();
  }

  private static double circuitOpen() {
    return t.app.registry().get("cache_redis_circuit_open").gauge().value();
  }

  @Test
  void readsStayUpWhileRedisHangsAndRecoverWhenItReturns() throws Exception {
    assertThat(burst(100)).containsOnly(200);
    proxy.blackHole(true);
    List<Integer> during = new ArrayList<>();
    long until = System.currentTimeMillis() + 3_000;
    while (System.currentTimeMillis() < until) during.addAll(burst(50));
    assertThat(during).hasSizeGreaterThan(100).containsOnly(200);
    assertThat(errors()).as("lookups that bypassed Redis are counted as errors").isPositive();
    assertThat(circuitOpen()).as("the breaker opened").isEqualTo(1.0);
    assertThat(t.management("/health/ready").statusCode()).isEqualTo(200);

    proxy.blackHole(false);
    long deadline = System.currentTimeMillis() + 5_000;
    double hitsBefore = redisHits();
    while ((circuitOpen() != 0.0 || redisHits() <= hitsBefore) && System.currentTimeMillis() < deadline) {
      assertThat(burst(20)).containsOnly(200);
      Thread.sleep(100);
    }
    assertThat(circuitOpen()).as("the breaker closed again").isEqualTo(0.0);
    hitsBefore = redisHits();
    assertThat(burst(100)).containsOnly(200);
    assertThat(redisHits()).as("reads are served from Redis again").isGreaterThan(hitsBefore);
  }
}
