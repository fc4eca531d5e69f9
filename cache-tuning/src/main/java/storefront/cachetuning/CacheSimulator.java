package storefront.cachetuning;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic discrete-event simulation of the browse workload against the two-tier cache.
 *
 * <p>Requests arrive as a Poisson process at the configured rate and are routed uniformly to the
 * pods; each picks a product by Zipf popularity (or, with PLP enabled, a category page). Stock
 * changes arrive as a second Poisson process on uniformly random products; each evicts the
 * product's PDP from every pod's L1 and from Redis. With PLP enabled, a share
 * {@code plpInvalidationShare} of the changes (by default those that flip availability, about
 * 0.4 %) also bump the category's listing version, which turns every page of the category into a
 * new key. Time is simulated; nothing sleeps.
 *
 * <p>Each random choice has its own seeded stream, so runs that differ only in cache settings see
 * exactly the same requests and stock changes, which makes sweeps compare like with like.
 */
public final class CacheSimulator {

    /**
     * L1 TTLs compared by the sweep table, in milliseconds. The TTL only limits how long cold
     * entries stay in memory (staleness is bounded by the change-feed poll), so the sweep spans
     * seconds to minutes around the API's default of 30 s.
     */
    public static final List<Long> SWEEP_L1_TTLS_MS = List.of(1_000L, 5_000L, 30_000L, 120_000L);

    /** Interval at which the measured window samples the number of live L1 entries. */
    private static final long SAMPLE_EVERY_NANOS = 1_000_000_000L;

    private CacheSimulator() {
    }

    public static SimulationResult run(SimulationConfig c) {
        long end = toNanos(c.durationSeconds());
        long warmup = toNanos(c.warmupSeconds());

        SplittableRandom arrivals = stream(c.seed(), 1);
        SplittableRandom choices = stream(c.seed(), 2);
        SplittableRandom routing = stream(c.seed(), 3);
        SplittableRandom churn = stream(c.seed(), 4);

        ZipfSampler products = new ZipfSampler(c.keys(), c.zipfExponent());
        TwoTierKeySpace pdp = new TwoTierKeySpace(c.keys(), c, c.pdpRedisTtlSeconds(), stream(c.seed(), 5));
        ZipfSampler categories = null;
        TwoTierKeySpace plp = null;
        if (c.plp()) {
            categories = new ZipfSampler(SimulationConfig.CATEGORIES, c.zipfExponent());
            plp = new TwoTierKeySpace(SimulationConfig.CATEGORIES * SimulationConfig.PAGES_PER_CATEGORY,
                    c, c.plpRedisTtlSeconds(), stream(c.seed(), 6));
        }

        long[] pdpCounts = new long[Tier.values().length];
        long[] plpCounts = new long[Tier.values().length];
        long nextRequest = gap(arrivals, c.requestRate());
        long nextChange = c.churnPerSecond() > 0 ? gap(churn, c.churnPerSecond()) : Long.MAX_VALUE;
        long nextSample = warmup;
        long samples = 0;
        long sampledEntries = 0;

        while (true) {
            if (nextSample < end && nextSample <= nextChange && nextSample <= nextRequest) {
                // Draws no random numbers, so sampling does not change the requests or changes.
                sampledEntries += pdp.liveL1Entries(nextSample) + (plp == null ? 0 : plp.liveL1Entries(nextSample));
                samples++;
                nextSample += SAMPLE_EVERY_NANOS;
            } else if (nextChange <= nextRequest) {
                if (nextChange >= end) {
                    break;
                }
                int product = churn.nextInt(c.keys());
                pdp.evict(product);
                // Always draw, so the request and change streams stay identical across settings.
                boolean bumpsCategory = churn.nextDouble() < c.plpInvalidationShare();
                if (plp != null && bumpsCategory) {
                    int first = categoryOf(product) * SimulationConfig.PAGES_PER_CATEGORY;
                    for (int page = 0; page < SimulationConfig.PAGES_PER_CATEGORY; page++) {
                        plp.evict(first + page);
                    }
                }
                nextChange += gap(churn, c.churnPerSecond());
            } else {
                if (nextRequest >= end) {
                    break;
                }
                int instance = routing.nextInt(c.instances());
                boolean counted = nextRequest >= warmup;
                if (plp != null && choices.nextDouble() < c.plpShare()) {
                    int category = categories.sample(choices);
                    int page = choices.nextInt(SimulationConfig.PAGES_PER_CATEGORY);
                    Tier tier = plp.read(instance, category * SimulationConfig.PAGES_PER_CATEGORY + page, nextRequest);
                    if (counted) {
                        plpCounts[tier.ordinal()]++;
                    }
                } else {
                    Tier tier = pdp.read(instance, products.sample(choices), nextRequest);
                    if (counted) {
                        pdpCounts[tier.ordinal()]++;
                    }
                }
                nextRequest += gap(arrivals, c.requestRate());
            }
        }
        double meanL1Entries = samples == 0 ? 0 : (double) sampledEntries / samples / c.instances();
        return new SimulationResult(c, TierCounts.of(pdpCounts), plp == null ? null : TierCounts.of(plpCounts),
                meanL1Entries);
    }

    /** Runs the configuration once per TTL in {@link #SWEEP_L1_TTLS_MS}, everything else equal. */
    public static List<SimulationResult> sweepL1Ttl(SimulationConfig base) {
        List<SimulationResult> results = new ArrayList<>();
        for (long ttl : SWEEP_L1_TTLS_MS) {
            results.add(run(base.withL1TtlMs(ttl)));
        }
        return results;
    }

    /** Category of a product in the standard data set (products are spread evenly). */
    static int categoryOf(int product) {
        return product % SimulationConfig.CATEGORIES;
    }

    private static SplittableRandom stream(long seed, int index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L);
    }

    /** Exponential inter-arrival time for a Poisson process with the given rate, in nanoseconds. */
    private static long gap(SplittableRandom rng, double ratePerSecond) {
        double seconds = -Math.log(1.0 - rng.nextDouble()) / ratePerSecond;
        return Math.max(1L, Math.round(seconds * 1e9));
    }

    private static long toNanos(double seconds) {
        return Math.round(seconds * 1e9);
    }
}
