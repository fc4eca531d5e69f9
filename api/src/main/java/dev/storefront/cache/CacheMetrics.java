package dev.storefront.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.ToDoubleFunction;

/**
 * {@code cache_requests_total{cache, result, tier}}, counted once per lookup: {@code hit} (tier
 * l1, redis, or coalesced onto a load already in flight), {@code miss} (loaded from PostgreSQL)
 * or {@code error} (Redis failed or its breaker was open; loaded from PostgreSQL). Hit rate is
 * hit / (hit + miss + error). {@code cache_load_seconds{cache}} times the PostgreSQL loads;
 * {@code cache_l1_bytes{cache}} is the in-process cache's weight against {@code CACHE_L1_MAX_BYTES}.
 */
public final class CacheMetrics {
  final Counter l1Hit;
  final Counter redisHit;
  final Counter coalescedHit;
  final Counter miss;
  final Counter error;
  final Timer load;
  private final MeterRegistry registry;
  private final String cache;

  public CacheMetrics(MeterRegistry registry, String cache) {
    this.registry = registry;
    this.cache = cache;
    l1Hit = counter(registry, cache, "hit", "l1");
    redisHit = counter(registry, cache, "hit", "redis");
    coalescedHit = counter(registry, cache, "hit", "coalesced");
    miss = counter(registry, cache, "miss", "db");
    error = counter(registry, cache, "error", "db");
    load = Timer.builder("cache_load")
        .description("Time to load a cache entry from PostgreSQL")
        .tag("cache", cache)
        .publishPercentileHistogram()
        .register(registry);
  }

  <T> void bindL1Bytes(T owner, ToDoubleFunction<T> bytes) {
    Gauge.builder("cache_l1_bytes", owner, bytes)
        .description("Estimated heap held by the in-process cache (keys, bodies, per-entry overhead)")
        .tag("cache", cache)
        .baseUnit("bytes")
        .register(registry);
  }

  private static Counter counter(MeterRegistry registry, String cache, String result, String tier) {
    return Counter.builder("cache_requests")
        .description("Cache lookups by outcome")
        .tags("cache", cache, "result", result, "tier", tier)
        .register(registry);
  }
}
