package dev.storefront.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.TestApp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A cold instance fills its caches before it starts answering. */
class CacheWarmingTest {
  static TestApp t;

  @BeforeAll
  static void start() {
    // A long L1 TTL: on a busy machine warming may take longer than the default 30 s.
    t = TestApp.start("cache_warming", Map.of("CACHE_WARM_TIMEOUT_MS", "60000", "CACHE_WARM_LISTING_PAGES", "2",
        "CACHE_L1_TTL_MS", "600000"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static double hits(String cache, String tier) {
    Counter c = t.app.registry().find("cache_requests").tags("cache", cache, "result", "hit", "tier", tier).counter();
    return c == null ? 0 : c.count();
  }

  private static long loads(String cache) {
    Timer timer = t.app.registry().find("cache_load").tag("cache", cache).timer();
    return timer == null ? 0 : timer.count();
  }


  @Test
  void everyProductPageIsInMemoryBeforeTheFirstRequest() {
    assertThat(loads("pdp")).as("PDPs are warmed in bulk, not loaded one by one").isZero();
    double before = hits("pdp", "l1");
    for (int id = 1; id <= TestApp.PRODUCTS; id += 37) {
      assertThat(t.get("/api/v1/products/" + id).statusCode()).isEqualTo(200);
    }
    assertThat(hits("pdp", "l1") - before).isEqualTo((TestApp.PRODUCTS + 36) / 37);
    assertThat(loads("pdp")).isZero();
  }

  @Test
  void theFirstListingPagesOfEveryCategoryAndSortAreInMemoryBeforeTheFirstRequest() {
    double before = hits("plp", "l1");
    long treeLoads = loads("categories");
    assertThat(t.get("/api/v1/products?category=3&sort=price_desc&page=2&size=20").statusCode()).isEqualTo(200);
    assertThat(t.get("/api/v1/products?category=17&sort=name&page=1").statusCode()).isEqualTo(200);
    assertThat(t.get("/api/v1/products?sort=newest").statusCode()).isEqualTo(200);
    assertThat(t.get("/api/v1/categories").statusCode()).isEqualTo(200);
    assertThat(hits("plp", "l1") - before).isEqualTo(3);
    assertThat(loads("categories")).as("the tree was warmed, not loaded on demand").isEqualTo(treeLoads);
  }

  @Test
  void warmedProductPagesReachRedisWithATtlForTheOtherInstances() {
    Vertx vertx = Vertx.vertx();
    try {
      Redis redis = Redis.createClient(vertx, t.config.redisUrl());
      for (long id : new long[] {1, 123, TestApp.PRODUCTS}) {
        String key = t.config.cacheNamespace() + ":v3:pdp:" + id;
        long ttlMs = redis.send(Request.cmd(Command.PTTL).arg(key)).await().toLong();
        assertThat(ttlMs).as("TTL of %s", key).isPositive();
      }
    } finally {
      vertx.close().await();
    }
  }
}
