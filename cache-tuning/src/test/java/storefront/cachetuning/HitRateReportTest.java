package storefront.cachetuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HitRateReportTest {

    private static Map<String, HitRateReport.CacheStats> stats(String text) {
        return HitRateReport.aggregate(PrometheusTextParser.parse(text).samples());
    }

    @Test
    void aggregatesPerCacheAcrossLabelOrders() {
        Map<String, HitRateReport.CacheStats> byCache = stats(PrometheusTextParserTest.SCRAPE);
        assertThat(byCache).containsOnlyKeys("pdp", "plp");

        HitRateReport.CacheStats pdp = byCache.get("pdp");
        assertThat(pdp.l1()).isEqualTo(184467.0);
        assertThat(pdp.redis()).isEqualTo(120000.0);
        assertThat(pdp.coalesced()).isEqualTo(312.0);
        assertThat(pdp.miss()).isEqualTo(4500.0);
        assertThat(pdp.error()).isZero();
        assertThat(pdp.total()).isEqualTo(309279.0);
        assertThat(pdp.hitRate()).isCloseTo(304779.0 / 309279.0, within(1e-12));

        HitRateReport.CacheStats plp = byCache.get("plp");
        assertThat(plp.total()).isEqualTo(51000.0);
        assertThat(plp.hitRate()).isCloseTo(39000.0 / 51000.0, within(1e-12));
        assertThat(plp.share(plp.error())).isCloseTo(1000.0 / 51000.0, within(1e-12));
    }

    @Test
    void sumsPodsAndIgnoresOtherMetrics() {
        String text = String.join("\n",
                "cache_requests_total{cache=\"categories\",result=\"hit\",tier=\"l1\",pod=\"a\"} 90",
                "cache_requests_total{cache=\"categories\",result=\"hit\",tier=\"l1\",pod=\"b\"} 5",
                "cache_requests_total{cache=\"categories\",result=\"miss\",tier=\"db\",pod=\"b\"} 5",
                "cache_requests_total{cache=\"categories\",result=\"weird\",tier=\"db\"} 1000",
                "cache_requests_created{cache=\"categories\",result=\"hit\",tier=\"l1\"} 1.7e9",
                "cache_gets_total{cache=\"categories\",result=\"hit\"} 1000");
        HitRateReport.CacheStats categories = stats(text).get("categories");
        assertThat(categories.total()).isEqualTo(100.0);
        assertThat(categories.hitRate()).isEqualTo(0.95);
    }

    @Test
    void recommendsOnlyBelowTarget() {
        HitRateReport.CacheStats good = new HitRateReport.CacheStats("pdp", 600, 370, 0, 0, 30, 0);
        assertThat(HitRateReport.recommendation(good, 0.95, true)).isEmpty();

        HitRateReport.CacheStats cold = new HitRateReport.CacheStats("pdp", 300, 600, 0, 0, 100, 0);
        String advice = HitRateReport.recommendation(cold, 0.95, false).orElseThrow();
        assertThat(advice).contains("pdp: hit rate 90.00 %", "CACHE_PDP_TTL_SECONDS", "simulate --redis-ttl 600",
                "CACHE_L1_TTL_MS", "CACHE_L1_MAX_BYTES", "CATALOG_SYNC_POLL_MS", "bypasses its L1", "--baseline-file")
                .doesNotContain("up to 1000", "staleness bound)");

        HitRateReport.CacheStats redisDown = new HitRateReport.CacheStats("plp", 500, 100, 0, 0, 50, 350);
        assertThat(HitRateReport.recommendation(redisDown, 0.95, true).orElseThrow())
                .contains("35.00 %", "Redis failed", "circuit breaker").doesNotContain("CACHE_PLP_TTL_SECONDS", "--baseline-file");
        // Redis timeouts are typical of a cold start, so the whole-run hint applies there too.
        assertThat(HitRateReport.recommendation(redisDown, 0.95, false).orElseThrow()).contains("--baseline-file");

        HitRateReport.CacheStats categories = new HitRateReport.CacheStats("categories", 800, 100, 0, 0, 100, 0);
        assertThat(HitRateReport.recommendation(categories, 0.95, true).orElseThrow())
                .contains("CACHE_CATEGORIES_TTL_SECONDS");

        HitRateReport.CacheStats plp = new HitRateReport.CacheStats("plp", 700, 150, 0, 0, 150, 0);
        assertThat(HitRateReport.recommendation(plp, 0.95, true).orElseThrow())
                .contains("CACHE_PLP_TTL_SECONDS", "--plp-invalidation-share", "listing version", "flip availability")
                .doesNotContain("CACHE_L1_TTL_MS", "every stock change");
    }

    @Test
    void sinceBaselineSubtractsAndSurvivesRestarts() {
        Map<String, HitRateReport.CacheStats> before = Map.of(
                "pdp", new HitRateReport.CacheStats("pdp", 100, 100, 0, 0, 800, 0),
                "plp", new HitRateReport.CacheStats("plp", 500, 500, 0, 0, 0, 0));
        Map<String, HitRateReport.CacheStats> after = Map.of(
                "pdp", new HitRateReport.CacheStats("pdp", 1100, 1050, 0, 0, 850, 0),
                "plp", new HitRateReport.CacheStats("plp", 10, 10, 0, 0, 5, 0),
                "categories", new HitRateReport.CacheStats("categories", 7, 0, 0, 0, 1, 0));
        Map<String, HitRateReport.CacheStats> delta = HitRateReport.since(after, before);
        assertThat(delta.get("pdp")).isEqualTo(new HitRateReport.CacheStats("pdp", 1000, 950, 0, 0, 50, 0));
        assertThat(delta.get("pdp").hitRate()).isEqualTo(0.975);
        assertThat(delta.get("plp")).isEqualTo(after.get("plp"));
        assertThat(delta.get("categories")).isEqualTo(after.get("categories"));
    }

    @Test
    void rendersTableAndAdvice() {
        String text = HitRateReport.render(stats(PrometheusTextParserTest.SCRAPE), 0.95, false);
        assertThat(text).contains("cache", "hit rate", "pdp", "plp");
        assertThat(text).contains("98.55%"); // pdp: 304779 / 309279
        assertThat(text).contains("76.47%"); // plp: 39000 / 51000
        assertThat(text).contains("plp: hit rate 76.47 % is below the 95 % target.");
        assertThat(text).doesNotContain("pdp: hit rate");
    }

    @Test
    void wrapsLongAdvice() {
        String wrapped = HitRateReport.wrap("aaaa bbbb cccc dddd", 9);
        assertThat(wrapped).isEqualTo("aaaa bbbb\n  cccc\n  dddd");
        assertThat(wrapped.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(9));
    }
}
