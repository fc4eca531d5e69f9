package dev.storefront.config;

/** TTLs and protection limits of the catalog response cache. */
public record CacheSettings(
    long l1TtlMs,
    long l1MaxBytes,
    int pdpTtlSeconds,
    int plpTtlSeconds,
    int categoriesTtlSeconds,
    int notFoundTtlSeconds,
    double ttlJitter,
    int breakerFailures,
    long breakerResetMs,
    long syncPollMs,
    long warmTimeoutMs,
    int warmListingPages,
    int maxConcurrentLoads,
    int httpMaxAgeSeconds,
    int httpStaleWhileRevalidateSeconds,
    int listingExactTotalUpTo,
    boolean fastPath) {

  static CacheSettings from(Env env) {
    return new CacheSettings(
        // Memory hygiene only: cross-instance staleness is bounded by CATALOG_SYNC_POLL_MS.
        env.longValue("CACHE_L1_TTL_MS", 600_000, 0, 3_600_000),
        env.longValue("CACHE_L1_MAX_BYTES", 32L << 20, 0, 1L << 40),
        env.integer("CACHE_PDP_TTL_SECONDS", 300, 1, 86_400),
        env.integer("CACHE_PLP_TTL_SECONDS", 60, 1, 86_400),
        env.integer("CACHE_CATEGORIES_TTL_SECONDS", 300, 1, 86_400),
        env.integer("CACHE_NOT_FOUND_TTL_SECONDS", 10, 1, 3_600),
        env.decimal("CACHE_TTL_JITTER", 0.10, 0.0, 0.5),
        env.integer("CACHE_BREAKER_FAILURES", 5, 1, 1_000),
        env.longValue("CACHE_BREAKER_RESET_MS", 5_000, 100, 600_000),
        // The staleness bound across instances; the design requires it below 1 s.
        env.longValue("CATALOG_SYNC_POLL_MS", 250, 50, 900),
        // 0 turns warming off; otherwise the longest a start may wait for it.
        env.longValue("CACHE_WARM_TIMEOUT_MS", 30_000, 0, 600_000),
        env.integer("CACHE_WARM_LISTING_PAGES", 5, 0, 50),
        env.integer("CACHE_MAX_CONCURRENT_LOADS", 64, 1, 100_000),
        // What clients and CDNs may keep: short, as a PDP carries stock (docs/architecture.md, HTTP caching).
        env.integer("CATALOG_HTTP_MAX_AGE_SECONDS", 1, 0, 3_600),
        env.integer("CATALOG_HTTP_STALE_WHILE_REVALIDATE_SECONDS", 4, 0, 86_400),
        // Listing totals are exact up to this many matches, then "more than" (openapi.yaml, ProductPage).
        env.integer("LISTING_EXACT_TOTAL_UP_TO", 10_000, 100, 10_000_000),
        // Cached PDP and listing hits answered before the router (ADR 0006); false routes everything.
        env.bool("HTTP_FAST_PATH", true));
  }
}
