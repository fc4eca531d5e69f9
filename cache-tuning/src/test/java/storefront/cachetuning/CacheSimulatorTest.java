package storefront.cachetuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

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

    @Test
    void l1HitRateMatchesRenewalTheory() {
        SimulationConfig c = SimulationConfig.builder().durationSeconds(120).warmupSeconds(20)
                .redisLatencyMs(0).dbLatencyMs(0).churnPerSecond(0).build();
        SimulationResult r = CacheSimulator.run(c);
        // Per pod, a key requested at rate lambda hits L1 with probability lambda T / (1 + lambda T).
        ZipfSampler zipf = new ZipfSampler(c.keys(), c.zipfExponent());
        double perPod = c.requestRate() / c.instances();
        double ttl = c.l1TtlMs() / 1000.0;
        double expected = 0;
        for (int k = 0; k < c.keys(); k++) {
            double p = zipf.probability(k);
            expected += p * (perPod * p * ttl) / (1 + perPod * p * ttl);
        }
        assertThat(r.pdp().share(Tier.L1)).isCloseTo(expected, within(0.01));
    }

    @Test
    void higherL1TtlNeverLowersL1HitRateInTheSweep() {
        List<SimulationResult> sweep = CacheSimulator.sweepL1Ttl(SimulationConfig.builder().durationSeconds(120).build());
        assertThat(sweep).extracting(r -> r.config().l1TtlMs()).containsExactly(100L, 250L, 500L, 1000L);
        for (int i = 1; i < sweep.size(); i++) {
            TierCounts shorter = sweep.get(i - 1).overall();
            TierCounts longer = sweep.get(i).overall();
            assertThat(longer.share(Tier.L1)).isGreaterThan(shorter.share(Tier.L1));
            assertThat(longer.redisGets()).isLessThan(shorter.redisGets());
            // Same requests in every run: only where they are answered changes.
            assertThat(longer.total()).isEqualTo(shorter.total());
        }
    }

    @Test
    void l1MissesAreMonotoneInTtlForEveryRequestStream() {
        // One pod, no latency: misses per key are a greedy cover of its request times by
        // TTL-long windows, so a longer TTL can never add a miss, churn or not.
        SimulationConfig base = SimulationConfig.builder().instances(1).durationSeconds(60).warmupSeconds(0)
                .redisLatencyMs(0).dbLatencyMs(0).churnPerSecond(50).build();
        long previousMisses = Long.MAX_VALUE;
        for (long ttl : new long[] {0, 10, 100, 250, 500, 1000, 5000}) {
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
        SimulationResult bumpAll = CacheSimulator.run(b.build());
        assertThat(bumpAll.plp()).isNotNull();
        double plpShare = (double) bumpAll.plp().total() / bumpAll.overall().total();
        assertThat(plpShare).isCloseTo(SimulationConfig.DEFAULT_PLP_SHARE, within(0.01));
        SimulationResult bumpNone = CacheSimulator.run(b.plpInvalidationShare(0).build());
        assertThat(bumpNone.plp().hitRate()).isGreaterThan(bumpAll.plp().hitRate() + 0.05);
        // PDP reads are the same in both runs and PDP eviction does not depend on the PLP setting.
        assertThat(bumpNone.pdp()).isEqualTo(bumpAll.pdp());
    }

    @Test
    void pdpOnlyRunHasNoPlpCounts() {
        SimulationResult r = CacheSimulator.run(SimulationConfig.builder().durationSeconds(10).warmupSeconds(1).build());
        assertThat(r.plp()).isNull();
        assertThat(r.overall()).isEqualTo(r.pdp());
    }
}
