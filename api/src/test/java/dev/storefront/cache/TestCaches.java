package dev.storefront.cache;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.function.BooleanSupplier;

/** A {@link ResponseCache} on the test Redis, outside an application: for tests of the cache alone. */
final class TestCaches {
  private TestCaches() {}

  static RedisStore store(Redis redis) {
    return new RedisStore(redis, new CircuitBreaker(5, 5_000, System::currentTimeMillis), 1_000);
  }

  /** A fresh namespace starting with {@code prefix}, so runs and tests never share keys. */
  static String namespace(String prefix) {
    return prefix + "_" + Long.toHexString(System.nanoTime()) + ":";
  }

  /** A PDP cache with Redis TTL 60 s, not-found TTL 10 s, 10 % jitter and 64 concurrent loads. */
  static ResponseCache cache(Vertx vertx, String namespace, RedisStore store, long l1TtlMs, long l1MaxBytes,
      BooleanSupplier l1Trusted) {
    return new ResponseCache(vertx, namespace, store, new CacheMetrics(new SimpleMeterRegistry(), "pdp"),
        l1TtlMs, l1MaxBytes, 60_000, 10_000, 0.1, l1Trusted, new LoadLimiter(64));
  }
}
