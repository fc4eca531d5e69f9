package storefront.cachetuning;

/** Read counts per tier for one cache over the measured window. */
public record TierCounts(long l1, long coalesced, long redis, long db) {

    static TierCounts of(long[] byTier) {
        return new TierCounts(byTier[Tier.L1.ordinal()], byTier[Tier.COALESCED.ordinal()],
                byTier[Tier.REDIS.ordinal()], byTier[Tier.DB.ordinal()]);
    }

    public long total() {
        return l1 + coalesced + redis + db;
    }

    public long hits() {
        return l1 + coalesced + redis;
    }

    public long get(Tier tier) {
        return switch (tier) {
            case L1 -> l1;
            case COALESCED -> coalesced;
            case REDIS -> redis;
            case DB -> db;
        };
    }

    /** Reads that reached Redis: every L1 miss that did not join an in-flight load. */
    public long redisGets() {
        return redis + db;
    }

    /** Share of reads answered by the given tier, 0 when there were no reads. */
    public double share(Tier tier) {
        long total = total();
        return total == 0 ? 0 : (double) get(tier) / total;
    }

    /** Cache hit rate as the API's metrics define it: hits / (hits + misses). */
    public double hitRate() {
        long total = total();
        return total == 0 ? 0 : (double) hits() / total;
    }

    public TierCounts plus(TierCounts other) {
        return new TierCounts(l1 + other.l1, coalesced + other.coalesced, redis + other.redis, db + other.db);
    }
}
