package storefront.cachetuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns {@code cache_requests_total} samples into a per-cache hit rate report.
 * Hit rate = hit / (hit + miss + error), as the API's dashboards define it; samples of the same
 * cache with other labels (pods, applications) are summed.
 */
public final class HitRateReport {

    public static final String METRIC = "cache_requests_total";

    /** Counter totals for one cache. {@code otherHits} are hits with a tier other than l1/redis/coalesced. */
    public record CacheStats(String cache, double l1, double redis, double coalesced, double otherHits,
                             double miss, double error) {

        public double hits() {
            return l1 + redis + coalesced + otherHits;
        }

        public double total() {
            return hits() + miss + error;
        }

        public double hitRate() {
            return total() == 0 ? 0 : hits() / total();
        }

        public double share(double count) {
            return total() == 0 ? 0 : count / total();
        }

        CacheStats plus(CacheStats o) {
            return new CacheStats(cache, l1 + o.l1, redis + o.redis, coalesced + o.coalesced,
                    otherHits + o.otherHits, miss + o.miss, error + o.error);
        }

        CacheStats minus(CacheStats o) {
            return new CacheStats(cache, l1 - o.l1, redis - o.redis, coalesced - o.coalesced,
                    otherHits - o.otherHits, miss - o.miss, error - o.error);
        }

        boolean anyNegative() {
            return l1 < 0 || redis < 0 || coalesced < 0 || otherHits < 0 || miss < 0 || error < 0;
        }
    }

    private HitRateReport() {
    }

    /** Sums {@code cache_requests_total} samples per {@code cache} label, sorted by cache name. */
    public static Map<String, CacheStats> aggregate(List<PrometheusTextParser.Sample> samples) {
        Map<String, CacheStats> byCache = new TreeMap<>();
        for (PrometheusTextParser.Sample s : samples) {
            if (!METRIC.equals(s.name()) || !Double.isFinite(s.value())) {
                continue;
            }
            String cache = s.labels().getOrDefault("cache", "(none)");
            String result = s.labels().getOrDefault("result", "");
            String tier = s.labels().getOrDefault("tier", "");
            double v = s.value();
            CacheStats add = switch (result) {
                case "hit" -> switch (tier) {
                    case "l1" -> new CacheStats(cache, v, 0, 0, 0, 0, 0);
                    case "redis" -> new CacheStats(cache, 0, v, 0, 0, 0, 0);
                    case "coalesced" -> new CacheStats(cache, 0, 0, v, 0, 0, 0);
                    default -> new CacheStats(cache, 0, 0, 0, v, 0, 0);
                };
                case "miss" -> new CacheStats(cache, 0, 0, 0, 0, v, 0);
                case "error" -> new CacheStats(cache, 0, 0, 0, 0, 0, v);
                default -> null;
            };
            if (add != null) {
                byCache.merge(cache, add, CacheStats::plus);
            }
        }
        return byCache;
    }

    /**
     * Counts since an earlier scrape. A cache whose counters went down was restarted in between;
     * like Prometheus' rate(), its current totals are then taken as the increase.
     */
    public static Map<String, CacheStats> since(Map<String, CacheStats> current, Map<String, CacheStats> baseline) {
        Map<String, CacheStats> delta = new TreeMap<>();
        current.forEach((cache, now) -> {
            CacheStats before = baseline.get(cache);
            CacheStats d = before == null ? now : now.minus(before);
            delta.put(cache, d.anyNegative() ? now : d);
        });
        return delta;
    }

    public static String render(Map<String, CacheStats> stats, double target, boolean sinceBaseline) {
        StringBuilder out = new StringBuilder();
        line(out, "%-12s %12s %9s %8s %8s %10s %8s %8s", "cache", "requests", "hit rate",
                "L1", "Redis", "coalesced", "DB miss", "error");
        for (CacheStats s : stats.values()) {
            line(out, "%-12s %12.0f %8.2f%% %7.2f%% %7.2f%% %9.2f%% %7.2f%% %7.2f%%", s.cache(), s.total(),
                    100 * s.hitRate(), 100 * s.share(s.l1()), 100 * s.share(s.redis()),
                    100 * s.share(s.coalesced()), 100 * s.share(s.miss()), 100 * s.share(s.error()));
        }
        List<String> advice = new ArrayList<>();
        for (CacheStats s : stats.values()) {
            recommendation(s, target, sinceBaseline).ifPresent(advice::add);
        }
        if (!advice.isEmpty()) {
            out.append('\n');
            advice.forEach(a -> out.append(wrap(a, 100)).append('\n'));
        } else if (!stats.isEmpty()) {
            out.append('\n');
            line(out, "All caches meet the %.0f %% hit rate target.", 100 * target);
        }
        return out.toString();
    }

    /** A recommendation when the cache is below the target, empty otherwise. */
    public static Optional<String> recommendation(CacheStats s, double target, boolean sinceBaseline) {
        if (s.total() == 0) {
            return Optional.of(s.cache() + ": no requests counted yet.");
        }
        if (s.hitRate() >= target) {
            return Optional.empty();
        }
        StringBuilder r = new StringBuilder(String.format(Locale.ROOT,
                "%s: hit rate %.2f %% is below the %.0f %% target.", s.cache(), 100 * s.hitRate(), 100 * target));
        double errorShare = s.share(s.error());
        if (errorShare >= 0.01) {
            r.append(String.format(Locale.ROOT, " %.2f %% of requests went to PostgreSQL because Redis failed or its"
                    + " circuit breaker was open (result=\"error\"): fix Redis first (timeouts, breaker state);"
                    + " TTL changes cannot help.", 100 * errorShare));
            return Optional.of(r.append(coldStartNote(sinceBaseline)).toString());
        }
        r.append(String.format(Locale.ROOT, " %.2f %% of requests loaded from PostgreSQL.", 100 * s.share(s.miss())));
        if (s.cache().equals("plp")) {
            r.append(" PLP keys carry their category's listing version, which product edits (name, price) and"
                    + " stock changes that flip availability bump; other stock changes leave the pages alone."
                    + " Compare `simulate --plp` with `simulate --plp --plp-redis-ttl 120` (what a longer"
                    + " CACHE_PLP_TTL_SECONDS, default 60, buys) and `simulate --plp --plp-invalidation-share 0.05`"
                    + " (what many edits or sell-outs cost).");
        } else {
            r.append(" Raise the Redis TTL (").append(ttlSetting(s.cache())).append(") and compare first with `simulate ")
                    .append(simulateHint(s.cache())).append("`.");
        }
        if (s.share(s.l1()) < 0.5) {
            r.append(String.format(Locale.ROOT, " The L1 answers only %.1f %%. With the default CACHE_L1_TTL_MS"
                    + " (30 s) that points to a cold start, a full L1 (CACHE_L1_MAX_BYTES, default 32 MiB) or an"
                    + " instance whose change-feed polls lag more than 1 s and so bypasses its L1. A longer"
                    + " CACHE_L1_TTL_MS costs memory, not freshness (staleness is bounded by CATALOG_SYNC_POLL_MS);"
                    + " see the simulate sweep.", 100 * s.share(s.l1())));
        }
        return Optional.of(r.append(coldStartNote(sinceBaseline)).toString());
    }

    private static String coldStartNote(boolean sinceBaseline) {
        return sinceBaseline ? "" : " These counters include the cold start: pass --baseline-file with an earlier"
                + " scrape to measure after warm-up.";
    }

    private static String ttlSetting(String cache) {
        return switch (cache) {
            case "pdp" -> "CACHE_PDP_TTL_SECONDS, default 300";
            case "categories" -> "CACHE_CATEGORIES_TTL_SECONDS, default 300";
            default -> "the Redis TTL of '" + cache + "'";
        };
    }

    private static String simulateHint(String cache) {
        return cache.equals("pdp") ? "--redis-ttl 600" : "--redis-ttl 600 (PDP as a stand-in)";
    }

    /** Word-wraps a paragraph; continuation lines are indented by two spaces. */
    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        int lineLength = 0;
        for (String word : text.split(" ")) {
            if (lineLength > 0 && lineLength + 1 + word.length() > width) {
                out.append("\n  ");
                lineLength = 2;
            } else if (lineLength > 0) {
                out.append(' ');
                lineLength++;
            }
            out.append(word);
            lineLength += word.length();
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
