package storefront.cachetuning;

/** Where a simulated read was answered; mirrors the {@code tier} label of {@code cache_requests_total}. */
public enum Tier {
    /** Fresh entry in the pod's in-process cache. */
    L1,
    /** Joined a load of the same key already in flight on the same pod (single-flight). */
    COALESCED,
    /** L1 miss answered by Redis. */
    REDIS,
    /** L1 and Redis miss: loaded from PostgreSQL. */
    DB
}
