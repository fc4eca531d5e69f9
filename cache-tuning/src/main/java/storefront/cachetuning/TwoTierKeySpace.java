package storefront.cachetuning;

import java.util.random.RandomGenerator;

/**
 * One cache name (e.g. {@code pdp}) in front of PostgreSQL: an {@link L1Cache} per pod and one
 * shared Redis with TTL plus jitter. Single-flight is per pod: while a pod loads a key, further
 * reads of that key on the same pod join the load. Loads take Redis latency, plus database
 * latency on a Redis miss; entries become visible when the load completes.
 */
final class TwoTierKeySpace {

    private final L1Cache[] l1;
    private final boolean[] inRedis;
    private final long[] redisReadyAt;
    private final long[] redisExpiresAt;
    private final long redisTtlNanos;
    private final double jitter;
    private final long redisLatencyNanos;
    private final long dbLatencyNanos;
    private final RandomGenerator jitterRng;

    TwoTierKeySpace(int keys, SimulationConfig config, double redisTtlSeconds, RandomGenerator jitterRng) {
        this.l1 = new L1Cache[config.instances()];
        long l1TtlNanos = config.l1TtlMs() * 1_000_000L;
        for (int i = 0; i < l1.length; i++) {
            l1[i] = new L1Cache(keys, l1TtlNanos, config.l1MaxEntries());
        }
        this.inRedis = new boolean[keys];
        this.redisReadyAt = new long[keys];
        this.redisExpiresAt = new long[keys];
        this.redisTtlNanos = Math.round(redisTtlSeconds * 1e9);
        this.jitter = config.ttlJitter();
        this.redisLatencyNanos = Math.round(config.redisLatencyMs() * 1e6);
        this.dbLatencyNanos = Math.round(config.dbLatencyMs() * 1e6);
        this.jitterRng = jitterRng;
    }

    int keys() {
        return inRedis.length;
    }

    /** Serves one read of {@code key} on pod {@code instance} at time {@code now} (nanoseconds). */
    Tier read(int instance, int key, long now) {
        L1Cache local = l1[instance];
        switch (local.lookup(key, now)) {
            case HIT:
                return Tier.L1;
            case LOADING:
                return Tier.COALESCED;
            default:
                break;
        }
        if (inRedis[key] && now >= redisReadyAt[key] && now < redisExpiresAt[key]) {
            local.startLoad(key, now + redisLatencyNanos);
            return Tier.REDIS;
        }
        long done = now + redisLatencyNanos + dbLatencyNanos;
        long expires = done + jitteredTtl();
        boolean pendingElsewhere = inRedis[key] && now < redisReadyAt[key];
        // Another pod's load may already be writing this key: the first write makes it visible,
        // the last write decides when it expires.
        redisReadyAt[key] = pendingElsewhere ? Math.min(redisReadyAt[key], done) : done;
        redisExpiresAt[key] = pendingElsewhere ? Math.max(redisExpiresAt[key], expires) : expires;
        inRedis[key] = true;
        local.startLoad(key, done);
        return Tier.DB;
    }

    /**
     * A change to the key's row (or a listing-version bump for a PLP page): evicted from every
     * pod's L1 and from Redis at once. The API's writer does that for its own L1 and Redis; the
     * other instances follow within one change-feed poll ({@code CATALOG_SYNC_POLL_MS}).
     */
    void evict(int key) {
        for (L1Cache local : l1) {
            local.invalidate(key);
        }
        inRedis[key] = false;
    }

    int l1Size(int instance) {
        return l1[instance].size();
    }

    /** Live L1 entries (in flight or within their TTL) summed over all pods at {@code now}. */
    long liveL1Entries(long now) {
        long live = 0;
        for (L1Cache local : l1) {
            live += local.live(now);
        }
        return live;
    }

    private long jitteredTtl() {
        if (jitter == 0) {
            return redisTtlNanos;
        }
        double factor = 1 - jitter + 2 * jitter * jitterRng.nextDouble();
        return Math.round(redisTtlNanos * factor);
    }
}
