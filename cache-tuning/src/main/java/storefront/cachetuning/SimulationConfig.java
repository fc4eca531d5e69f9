package storefront.cachetuning;

/**
 * Inputs of one simulation run. Defaults follow the standard data set and browse workload
 * (10,000 products, Zipf s = 1.0, 2,000 req/s, 5 stock changes/s) and the API's cache defaults
 * (L1 30 s / 20,000 entries, Redis PDP 300 s and PLP 60 s with +-10% jitter). The L1 TTL is
 * memory hygiene only: the API bounds cross-instance staleness by its change-feed poll
 * ({@code CATALOG_SYNC_POLL_MS}, 250 ms), not by the TTL.
 */
public record SimulationConfig(
        int keys,
        double zipfExponent,
        double requestRate,
        double durationSeconds,
        double warmupSeconds,
        int instances,
        long l1TtlMs,
        int l1MaxEntries,
        double pdpRedisTtlSeconds,
        double plpRedisTtlSeconds,
        double ttlJitter,
        double churnPerSecond,
        boolean plp,
        double plpShare,
        double plpInvalidationShare,
        double redisLatencyMs,
        double dbLatencyMs,
        long seed) {

    /** PLP key space of the standard data set: categories x sorts x pages. */
    public static final int CATEGORIES = 50;
    public static final int SORTS = 5;
    public static final int PAGES = 5;
    public static final int PAGES_PER_CATEGORY = SORTS * PAGES;

    /** Browse mix is 70% PDP, 25% PLP, 5% search (not cached): PLP share of cached reads. */
    public static final double DEFAULT_PLP_SHARE = 25.0 / 95.0;

    /** Highest stock of a product in the standard data set (stock is uniform in 0..MAX_STOCK). */
    public static final int MAX_STOCK = 500;

    /**
     * Share of stock changes that bump their category's listing version. Listings show only
     * {@code inStock}, so the API bumps the version for a stock change only when availability flips
     * (old or new stock zero, not both). With stock uniform in 0..500 and each change setting a new
     * uniform value in 0..500, that is 2 x (1/501) x (500/501), about 0.4 %.
     */
    public static final double DEFAULT_PLP_INVALIDATION_SHARE =
            2.0 * MAX_STOCK / ((MAX_STOCK + 1.0) * (MAX_STOCK + 1.0));

    public SimulationConfig {
        require(keys >= 1, "keys must be >= 1");
        require(zipfExponent >= 0 && Double.isFinite(zipfExponent), "zipf exponent must be >= 0");
        require(requestRate > 0 && Double.isFinite(requestRate), "rate must be > 0");
        require(durationSeconds > 0 && Double.isFinite(durationSeconds), "duration must be > 0");
        require(warmupSeconds >= 0 && warmupSeconds < durationSeconds, "warm-up must be >= 0 and shorter than the duration");
        require(instances >= 1, "instances must be >= 1");
        require(l1TtlMs >= 0, "L1 TTL must be >= 0 (0 disables the L1)");
        require(l1MaxEntries >= 0, "L1 max entries must be >= 0 (0 disables the L1)");
        require(pdpRedisTtlSeconds > 0 && plpRedisTtlSeconds > 0, "Redis TTLs must be > 0");
        require(ttlJitter >= 0 && ttlJitter < 1, "jitter must be in [0, 1)");
        require(churnPerSecond >= 0 && Double.isFinite(churnPerSecond), "churn must be >= 0");
        require(plpShare >= 0 && plpShare <= 1, "PLP share must be in [0, 1]");
        require(plpInvalidationShare >= 0 && plpInvalidationShare <= 1, "PLP invalidation share must be in [0, 1]");
        require(redisLatencyMs >= 0 && dbLatencyMs >= 0, "latencies must be >= 0");
    }

    public static SimulationConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.keys = keys;
        b.zipfExponent = zipfExponent;
        b.requestRate = requestRate;
        b.durationSeconds = durationSeconds;
        b.warmupSeconds = warmupSeconds;
        b.instances = instances;
        b.l1TtlMs = l1TtlMs;
        b.l1MaxEntries = l1MaxEntries;
        b.pdpRedisTtlSeconds = pdpRedisTtlSeconds;
        b.plpRedisTtlSeconds = plpRedisTtlSeconds;
        b.ttlJitter = ttlJitter;
        b.churnPerSecond = churnPerSecond;
        b.plp = plp;
        b.plpShare = plpShare;
        b.plpInvalidationShare = plpInvalidationShare;
        b.redisLatencyMs = redisLatencyMs;
        b.dbLatencyMs = dbLatencyMs;
        b.seed = seed;
        return b;
    }

    public SimulationConfig withL1TtlMs(long ttlMs) {
        return toBuilder().l1TtlMs(ttlMs).build();
    }

    /** Longest Redis TTL in use, jitter included. */
    public double maxRedisTtlSeconds() {
        double ttl = plp ? Math.max(pdpRedisTtlSeconds, plpRedisTtlSeconds) : pdpRedisTtlSeconds;
        return ttl * (1 + ttlJitter);
    }

    public double measuredSeconds() {
        return durationSeconds - warmupSeconds;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Mutable builder; unset fields keep the defaults. */
    public static final class Builder {
        private int keys = 10_000;
        private double zipfExponent = 1.0;
        private double requestRate = 2_000;
        private double durationSeconds = 300;
        private double warmupSeconds = 60;
        private int instances = 2;
        private long l1TtlMs = 30_000;
        private int l1MaxEntries = 20_000;
        private double pdpRedisTtlSeconds = 300;
        private double plpRedisTtlSeconds = 60;
        private double ttlJitter = 0.10;
        private double churnPerSecond = 5;
        private boolean plp = false;
        private double plpShare = DEFAULT_PLP_SHARE;
        private double plpInvalidationShare = DEFAULT_PLP_INVALIDATION_SHARE;
        private double redisLatencyMs = 0.5;
        private double dbLatencyMs = 2.0;
        private long seed = 42;

        public Builder keys(int v) { keys = v; return this; }
        public Builder zipfExponent(double v) { zipfExponent = v; return this; }
        public Builder requestRate(double v) { requestRate = v; return this; }
        public Builder durationSeconds(double v) { durationSeconds = v; return this; }
        public Builder warmupSeconds(double v) { warmupSeconds = v; return this; }
        public Builder instances(int v) { instances = v; return this; }
        public Builder l1TtlMs(long v) { l1TtlMs = v; return this; }
        public Builder l1MaxEntries(int v) { l1MaxEntries = v; return this; }
        public Builder pdpRedisTtlSeconds(double v) { pdpRedisTtlSeconds = v; return this; }
        public Builder plpRedisTtlSeconds(double v) { plpRedisTtlSeconds = v; return this; }
        public Builder ttlJitter(double v) { ttlJitter = v; return this; }
        public Builder churnPerSecond(double v) { churnPerSecond = v; return this; }
        public Builder plp(boolean v) { plp = v; return this; }
        public Builder plpShare(double v) { plpShare = v; return this; }
        public Builder plpInvalidationShare(double v) { plpInvalidationShare = v; return this; }
        public Builder redisLatencyMs(double v) { redisLatencyMs = v; return this; }
        public Builder dbLatencyMs(double v) { dbLatencyMs = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        public SimulationConfig build() {
            return new SimulationConfig(keys, zipfExponent, requestRate, durationSeconds, warmupSeconds,
                    instances, l1TtlMs, l1MaxEntries, pdpRedisTtlSeconds, plpRedisTtlSeconds, ttlJitter,
                    churnPerSecond, plp, plpShare, plpInvalidationShare, redisLatencyMs, dbLatencyMs, seed);
        }
    }
}
