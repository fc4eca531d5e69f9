package storefront.cachetuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CacheSimulatorTest {

    /** No expiry, no churn: every key misses exactly once, on its first request. */
    private static SimulationConfig.Builder noExpiry() {
        return SimulationConfig.builder()
                .durationSeconds(60).warmupSeconds(0)
                .l1TtlMs(1_000_000_000L).pdpRedisTtlSeconds(1e9).ttlJitter(0)
                .churnPerSecond(0);
    }

    @Test
    void withoutChurnOrExpiryMissesApproachOneLoadPerKey() {
        SimulationResult r = CacheSimulator.run(noExpiry().redisLatencyMs(0).dbLatencyMs(0).build());
        TierCounts t = r.pdp();
        assertThat(t.total()).isCloseTo(120_000, within(2_000L));
        double expectedDistinct = new ZipfSampler(10_000, 1.0).expectedDistinct(t.total());
        assertThat((double) t.db()).isCloseTo(expectedDistinct, within(0.02 * expectedDistinct));
        assertThat(t.hitRate()).isCloseTo(1 - expectedDistinct / t.total(), within(0.002));
        assertThat(t.coalesced()).isZero();
        assertThat(t.db()).isLessThanOrEqualTo(10_000);
    }

    @Test
    void inSteadyStateWithoutChurnThereAreNoMisses() {
        // A tiny key space is fully loaded long before the warm-up ends.
        SimulationResult r = CacheSimulator.run(noExpiry().keys(50).warmupSeconds(10).build());
        assertThat(r.pdp().db()).isZero();
        assertThat(r.pdp().redis()).isZero();
        assertThat(r.pdp().hitRate()).isEqualTo(1.0);
    }

    @Test
    void withLoadLatencyConcurrentMissesCoalesceAndLoadsStayNearTheBound() {
        SimulationResult r = CacheSimulator.run(noExpiry().dbLatencyMs(20).build());
        TierCounts t = r.pdp();
        double expectedDistinct = new ZipfSampler(10_000, 1.0).expectedDistinct(t.total());
        assertThat(t.coalesced()).isPositive();
        // Two pods can load the same new key at once, so a little above one load per key.
        assertThat((double) t.db()).isBetween(0.98 * expectedDistinct, 1.05 * expectedDistinct);
    }

    @ParameterizedTest
    @ValueSource(longs = {1_000, 30_000})
    void l1HitRateAndSizeMatchRenewalTheory(long ttlMs) {
        // Warm-up of two TTLs, so each key's L1 state is stationary when counting starts.
        SimulationConfig c = SimulationConfig.builder().l1TtlMs(ttlMs)
                .durationSeconds(2 * ttlMs / 1000.0 + 120).warmupSeconds(2 * ttlMs / 1000.0)
                .redisLatencyMs(0).dbLatencyMs(0).churnPerSecond(0).build();
        SimulationResult r = CacheSimulator.run(c);
        // Per pod, a key requested at rate lambda is a renewal process: a miss, then a TTL-long
        // window of hits, then an exponential wait. It hits L1 with probability lambda T / (1 + lambda T),
        // which is also the share of time it is held.
        ZipfSampler zipf = new ZipfSampler(c.keys(), c.zipfExponent());
        double perPod = c.requestRate() / c.instances();
        double ttl = ttlMs / 1000.0;
        double expectedHits = 0;
        double expectedEntries = 0;
        for (int k = 0; k < c.keys(); k++) {
            double p = zipf.probability(k);
            double held = (perPod * p * ttl) / (1 + perPod * p * ttl);
            expectedHits += p * held;
            expectedEntries += held;
        }
        assertThat(r.pdp().share(Tier.L1)).isCloseTo(expectedHits, within(0.01));
        assertThat(r.meanL1Entries()).isCloseTo(expectedEntries, within(0.02 * expectedEntries));
    }

    @Test
    void defaultsFollowTheApi() {
        SimulationConfig d = SimulationConfig.defaults();
        assertThat(d.l1TtlMs()).isEqualTo(30_000);
        assertThat(d.l1MaxEntries()).isEqualTo(20_000);
        assertThat(d.pdpRedisTtlSeconds()).isEqualTo(300);
        assertThat(d.plpRedisTtlSeconds()).isEqualTo(60);
        assertThat(d.ttlJitter()).isEqualTo(0.10);
        // Only stock changes that flip availability bump a listing version: P(exactly one of two
        // independent uniform 0..500 stocks is zero).
        long flips = 0;
        long pairs = 0;
        for (int before = 0; before <= SimulationConfig.MAX_STOCK; before++) {
            for (int after = 0; after <= SimulationConfig.MAX_STOCK; after++) {
                pairs++;
                if ((before == 0) != (after == 0)) {
                    flips++;
                }
            }
        }
        assertThat(d.plpInvalidationShare()).isCloseTo((double) flips / pairs, within(1e-15));
        assertThat(d.plpInvalidationShare()).isCloseTo(0.004, within(0.0001));
    }

    @Test
    void sweepSpansMemoryHygieneTtlsAroundTheDefault() {
        assertThat(CacheSimulator.SWEEP_L1_TTLS_MS).containsExactly(1_000L, 5_000L, 30_000L, 120_000L)
                .contains(SimulationConfig.defaults().l1TtlMs());
    }

    @Test
    void l1MissesAreMonotoneInTtlForEveryRequestStream() {
        // One pod, no latency: misses per key are a greedy cover of its request times by
        // TTL-long windows, so a longer TTL can never add a miss, churn or not.
        SimulationConfig base = SimulationConfig.builder().instances(1).durationSeconds(60).warmupSeconds(0)
                .redisLatencyMs(0).dbLatencyMs(0).churnPerSecond(50).build();
        long previousMisses = Long.MAX_VALUE;
        for (long ttl : new long[] {0, 10, 100, 1000, 5000, 30_000, 120_000}) {
            TierCounts t = CacheSimulator.run(base.withL1TtlMs(ttl)).pdp();
            long misses = t.total() - t.l1();
            assertThat(misses).as("L1 misses at %d ms", ttl).isLessThanOrEqualTo(previousMisses);
            previousMisses = misses;
        }
    }

    @Test
    void sameSeedGivesTheSameResultAndOtherSeedsDiffer() {
        SimulationConfig c = SimulationConfig.builder().durationSeconds(60).warmupSeconds(10).plp(true).build();
        SimulationResult first = CacheSimulator.run(c);
        SimulationResult second = CacheSimulator.run(c);
        assertThat(second).isEqualTo(first);
        SimulationResult other = CacheSimulator.run(c.toBuilder().seed(43).build());
        assertThat(other.overall()).isNotEqualTo(first.overall());
    }

    @Test
    void churnEvictsAndCausesMoreDatabaseLoads() {
        SimulationConfig.Builder b = SimulationConfig.builder().durationSeconds(120).warmupSeconds(30);
        long calm = CacheSimulator.run(b.churnPerSecond(0).build()).pdp().db();
        long busy = CacheSimulator.run(b.churnPerSecond(200).build()).pdp().db();
        assertThat(busy).isGreaterThan(calm + 1000);
    }

    @Test
    void smallL1SizeLowersL1HitRate() {
        SimulationConfig.Builder b = SimulationConfig.builder().durationSeconds(60).warmupSeconds(10).l1TtlMs(60_000);
        double roomy = CacheSimulator.run(b.l1MaxEntries(20_000).build()).pdp().share(Tier.L1);
        double tight = CacheSimulator.run(b.l1MaxEntries(100).build()).pdp().share(Tier.L1);
        assertThat(tight).isLessThan(roomy - 0.1);
    }

    @Test
    void plpPagesAreSimulatedAndCategoryBumpsDropThem() {
        SimulationConfig.Builder b = SimulationConfig.builder().plp(true).durationSeconds(180).warmupSeconds(120);
        SimulationResult bumpEvery = CacheSimulator.run(b.plpInvalidationShare(1).build());
        assertThat(bumpEvery.plp()).isNotNull();
        double plpShare = (double) bumpEvery.plp().total() / bumpEvery.overall().total();
        assertThat(plpShare).isCloseTo(SimulationConfig.DEFAULT_PLP_SHARE, within(0.01));
        SimulationResult bumpNone = CacheSimulator.run(b.plpInvalidationShare(0).build());
        assertThat(bumpNone.plp().hitRate()).isGreaterThan(bumpEvery.plp().hitRate() + 0.05);
        // PDP reads are the same in both runs and PDP eviction does not depend on the PLP setting.
        assertThat(bumpNone.pdp()).isEqualTo(bumpEvery.pdp());

        // By default only availability flips bump (about 0.02 bumps/s at 5 changes/s): PLP then
        // behaves almost as if stock changes never touched listings.
        SimulationResult flipsOnly = CacheSimulator.run(b.plpInvalidationShare(SimulationConfig.DEFAULT_PLP_INVALIDATION_SHARE).build());
        assertThat(flipsOnly.plp().hitRate()).isCloseTo(bumpNone.plp().hitRate(), within(0.005))
                .isGreaterThan(bumpEvery.plp().hitRate() + 0.05);
    }

    @Test
    void l1EntriesCountOnlyLiveEntries() {
        SimulationConfig.Builder b = SimulationConfig.builder().durationSeconds(30).warmupSeconds(10);
        assertThat(CacheSimulator.run(b.l1TtlMs(0).build()).meanL1Entries()).isZero();
        // No expiry and a key space read many times over: every key is held on every pod.
        assertThat(CacheSimulator.run(noExpiry().keys(50).warmupSeconds(10).build()).meanL1Entries()).isEqualTo(50.0);
        // The size bound caps what a long TTL can hold.
        assertThat(CacheSimulator.run(b.l1TtlMs(120_000).l1MaxEntries(100).build()).meanL1Entries())
                .isLessThanOrEqualTo(100.0);
    }

    @Test
    void pdpOnlyRunHasNoPlpCounts() {
        SimulationResult r = CacheSimulator.run(SimulationConfig.builder().durationSeconds(10).warmupSeconds(1).build());
        assertThat(r.plp()).isNull();
        assertThat(r.overall()).isEqualTo(r.pdp());
    }
}
