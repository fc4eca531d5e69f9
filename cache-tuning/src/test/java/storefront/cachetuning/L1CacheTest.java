package storefront.cachetuning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class L1CacheTest {

    private static final long MS = 1_000_000L;

    @Test
    void entryIsLoadingThenFreshThenExpired() {
        L1Cache cache = new L1Cache(10, 500 * MS, 100);
        assertThat(cache.lookup(3, 0)).isEqualTo(L1Cache.State.ABSENT);
        cache.startLoad(3, 2 * MS);
        assertThat(cache.lookup(3, MS)).isEqualTo(L1Cache.State.LOADING);
        assertThat(cache.lookup(3, 2 * MS)).isEqualTo(L1Cache.State.HIT);
        assertThat(cache.lookup(3, 501 * MS)).isEqualTo(L1Cache.State.HIT);
        assertThat(cache.live(502 * MS)).isZero();
        assertThat(cache.size()).isEqualTo(1); // expired, not yet looked up again
        assertThat(cache.lookup(3, 502 * MS)).isEqualTo(L1Cache.State.ABSENT);
        assertThat(cache.size()).isZero();
    }

    @Test
    void sizeBoundEvictsLeastRecentlyUsed() {
        L1Cache cache = new L1Cache(10, 10_000 * MS, 3);
        cache.startLoad(0, 0);
        cache.startLoad(1, 0);
        cache.startLoad(2, 0);
        assertThat(cache.lookup(0, MS)).isEqualTo(L1Cache.State.HIT); // 1 is now the oldest
        cache.startLoad(3, MS);
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.live(MS)).isEqualTo(3); // 3 is still loading and counts
        assertThat(cache.lookup(1, 2 * MS)).isEqualTo(L1Cache.State.ABSENT);
        assertThat(cache.lookup(0, 2 * MS)).isEqualTo(L1Cache.State.HIT);
        assertThat(cache.lookup(2, 2 * MS)).isEqualTo(L1Cache.State.HIT);
        assertThat(cache.lookup(3, 2 * MS)).isEqualTo(L1Cache.State.HIT);
    }

    @Test
    void invalidateRemovesEntry() {
        L1Cache cache = new L1Cache(4, 1000 * MS, 4);
        cache.startLoad(2, 0);
        cache.invalidate(2);
        cache.invalidate(2);
        assertThat(cache.lookup(2, MS)).isEqualTo(L1Cache.State.ABSENT);
        assertThat(cache.size()).isZero();
    }

    @Test
    void zeroTtlOrSizeDisablesTheCache() {
        L1Cache noTtl = new L1Cache(4, 0, 4);
        noTtl.startLoad(1, 0);
        assertThat(noTtl.lookup(1, 0)).isEqualTo(L1Cache.State.ABSENT);
        L1Cache noRoom = new L1Cache(4, 1000 * MS, 0);
        noRoom.startLoad(1, 0);
        assertThat(noRoom.lookup(1, 0)).isEqualTo(L1Cache.State.ABSENT);
    }
}
