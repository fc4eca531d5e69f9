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
            line(out, "          %s %% of stock changes bump their category's listing version (new page keys)",
                    percent(c.plpInvalidationShare()));
        }
        line(out, "Cache:    L1 TTL %s, max %d entries per instance; Redis TTL PDP %.0f s%s (+-%.0f %% jitter)",
                duration(c.l1TtlMs()), c.l1MaxEntries(), c.pdpRedisTtlSeconds(),
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
        line(out, "L1 TTL sweep (same requests and stock changes). The L1 TTL only limits how long cold");
        line(out, "entries stay in memory; it is not the staleness bound: changes reach every instance's");
        line(out, "L1 through the change-feed poll (CATALOG_SYNC_POLL_MS, 250 ms), whatever the TTL.");
        line(out, "%8s %8s %11s %12s %10s %10s %11s", "L1 TTL", "L1 hit", "coalesced", "Redis GET/s", "DB load/s",
                "hit rate", "L1 entries");
        for (SimulationResult r : sweep) {
            TierCounts t = r.overall();
            line(out, "%8s %7.2f%% %10.2f%% %12.1f %10.2f %9.2f%% %11.0f",
                    duration(r.config().l1TtlMs()), 100 * t.share(Tier.L1), 100 * t.share(Tier.COALESCED),
                    r.perSecond(t.redisGets()), r.perSecond(t.db()), 100 * t.hitRate(), r.meanL1Entries());
        }
        line(out, "(L1 entries: mean live entries per instance over the measured window)");
        return out.toString();
    }

    /** A TTL in whole seconds when it is one ({@code 30 s}), else in milliseconds ({@code 250 ms}). */
    static String duration(long ms) {
        return ms % 1000 == 0 && ms > 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    /** A share as a percentage with one decimal, or more when that would round a non-zero share to 0. */
    static String percent(double share) {
        double p = 100 * share;
        return String.format(Locale.ROOT, p > 0 && p < 0.05 ? "%.3f" : "%.1f", p);
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
