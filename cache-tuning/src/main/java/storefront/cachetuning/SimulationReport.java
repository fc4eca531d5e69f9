package storefront.cachetuning;

import java.util.List;
import java.util.Locale;

/** Renders simulation results as plain text tables. */
public final class SimulationReport {

    /** Hit rate target from the design: >= 95 % on the browse workload after warm-up. */
    public static final double TARGET_HIT_RATE = 0.95;

    private SimulationReport() {
    }

    public static String render(SimulationResult result, List<SimulationResult> sweep) {
        StringBuilder out = new StringBuilder();
        SimulationConfig c = result.config();
        line(out, "Workload: %d products (Zipf s=%.2f), %.0f req/s for %.0f s on %d instance(s), "
                        + "%.1f stock changes/s, seed %d",
                c.keys(), c.zipfExponent(), c.requestRate(), c.durationSeconds(), c.instances(),
                c.churnPerSecond(), c.seed());
        if (c.plp()) {
            line(out, "          PLP: %d categories x %d sorts x %d pages (Zipf on category), %.1f %% of reads;",
                    SimulationConfig.CATEGORIES, SimulationConfig.SORTS, SimulationConfig.PAGES, 100 * c.plpShare());
            line(out, "          %.0f %% of stock changes invalidate their category's pages",
                    100 * c.plpInvalidationShare());
        }
        line(out, "Cache:    L1 TTL %d ms, max %d entries per instance; Redis TTL PDP %.0f s%s (+-%.0f %% jitter)",
                c.l1TtlMs(), c.l1MaxEntries(), c.pdpRedisTtlSeconds(),
                c.plp() ? String.format(Locale.ROOT, ", PLP %.0f s", c.plpRedisTtlSeconds()) : "",
                100 * c.ttlJitter());
        line(out, "          load latency: Redis %.1f ms, PostgreSQL %.1f ms", c.redisLatencyMs(), c.dbLatencyMs());
        line(out, "Counted after a %.0f s warm-up (%.0f s measured, %d reads)",
                c.warmupSeconds(), c.measuredSeconds(), result.overall().total());
        if (c.warmupSeconds() < c.maxRedisTtlSeconds()) {
            line(out, "Note: the warm-up is shorter than the Redis TTL (up to %.0f s with jitter), so few entries",
                    c.maxRedisTtlSeconds());
            line(out, "      of the initial fill expire inside the window and DB loads read low; for steady");
            line(out, "      state use e.g. --warmup %.0f --duration %.0f",
                    Math.ceil(2 * c.maxRedisTtlSeconds() / 60) * 60, Math.ceil(2 * c.maxRedisTtlSeconds() / 60) * 60 + 900);
        }
        out.append('\n');

        line(out, "%-7s %-11s %10s %10s %8s", "cache", "tier", "reads", "per s", "share");
        table(out, "pdp", result.pdp(), result);
        if (result.plp() != null) {
            table(out, "plp", result.plp(), result);
            table(out, "all", result.overall(), result);
        }
        TierCounts overall = result.overall();
        line(out, "Overall hit rate after warm-up: %.2f %% (target >= %.0f %%: %s)",
                100 * overall.hitRate(), 100 * TARGET_HIT_RATE,
                overall.hitRate() >= TARGET_HIT_RATE ? "met" : "NOT met");

        if (sweep != null && !sweep.isEmpty()) {
            out.append('\n');
            out.append(sweepTable(sweep));
        }
        return out.toString();
    }

    public static String sweepTable(List<SimulationResult> sweep) {
        StringBuilder out = new StringBuilder();
        line(out, "L1 TTL sweep (same requests and stock changes; the L1 TTL is the staleness bound");
        line(out, "for a pod that misses an eviction event)");
        line(out, "%8s %8s %11s %12s %10s %10s", "L1 TTL", "L1 hit", "coalesced", "Redis GET/s", "DB load/s", "hit rate");
        for (SimulationResult r : sweep) {
            TierCounts t = r.overall();
            line(out, "%5d ms %7.2f%% %10.2f%% %12.1f %10.2f %9.2f%%",
                    r.config().l1TtlMs(), 100 * t.share(Tier.L1), 100 * t.share(Tier.COALESCED),
                    r.perSecond(t.redisGets()), r.perSecond(t.db()), 100 * t.hitRate());
        }
        return out.toString();
    }

    private static void table(StringBuilder out, String cache, TierCounts t, SimulationResult r) {
        row(out, cache, "L1 hit", t.l1(), r, t);
        row(out, cache, "coalesced", t.coalesced(), r, t);
        row(out, cache, "Redis hit", t.redis(), r, t);
        row(out, cache, "DB load", t.db(), r, t);
        line(out, "%-7s %-11s %10d %10.1f %7.2f%%", cache, "hit rate", t.hits(), r.perSecond(t.hits()),
                100 * t.hitRate());
    }

    private static void row(StringBuilder out, String cache, String tier, long count, SimulationResult r, TierCounts t) {
        line(out, "%-7s %-11s %10d %10.1f %7.2f%%", cache, tier, count, r.perSecond(count),
                t.total() == 0 ? 0.0 : 100.0 * count / t.total());
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
