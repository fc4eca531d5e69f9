package storefront.cachetuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PrometheusTextParserTest {

    /** Shaped like a Micrometer scrape of the API, with the awkward cases mixed in. */
    static final String SCRAPE = String.join("\n",
            "# HELP cache_requests_total Cache lookups by cache, result and tier",
            "# TYPE cache_requests_total counter",
            "cache_requests_total{application=\"storefront-api\",cache=\"pdp\",result=\"hit\",tier=\"l1\"} 184467.0",
            "cache_requests_total{tier=\"redis\",result=\"hit\",cache=\"pdp\",application=\"storefront-api\"} 1.2E5",
            "cache_requests_total{result=\"hit\", cache=\"pdp\", tier=\"coalesced\", application=\"storefront-api\",} 312",
            "cache_requests_total{cache=\"pdp\",result=\"miss\",tier=\"db\",application=\"storefront-api\"} 4.5e+03 1718000000000",
            "cache_requests_total{cache=\"pdp\",result=\"error\",tier=\"db\",application=\"storefront-api\"} 0.0",
            "cache_requests_total{cache=\"plp\",result=\"hit\",tier=\"l1\",note=\"say \\\"cheese\\\", {ok}\"} 9000",
            "cache_requests_total{cache=\"plp\",result=\"hit\",tier=\"redis\",path=\"C:\\\\tmp\\nnext\"} 30000",
            "\tcache_requests_total{cache=\"plp\",result=\"miss\",tier=\"db\"}\t11000",
            "cache_requests_total { cache = \"plp\" , result = \"error\" , tier = \"db\" } 1000",
            "# a free-form comment with cache_requests_total{cache=\"pdp\"} 99",
            "",
            "# HELP http_server_requests_seconds Duration of HTTP server request handling",
            "# TYPE http_server_requests_seconds histogram",
            "http_server_requests_seconds_bucket{le=\"+Inf\",method=\"GET\",uri=\"/api/v1/products/{id}\"} 1234",
            "http_server_requests_seconds_sum{method=\"GET\",uri=\"/api/v1/products/{id}\"} 1.234e-2",
            "jvm_memory_used_bytes{area=\"heap\"} NaN",
            "process_uptime_seconds 1.7e2",
            "up:ratio -Inf",
            "cache_requests_created{cache=\"pdp\"} 1.718E9",
            "this line is { broken",
            "# EOF");

    @Test
    void parsesSamplesWithLabelsInAnyOrder() {
        PrometheusTextParser.Result result = PrometheusTextParser.parse(SCRAPE);
        List<PrometheusTextParser.Sample> cache = result.samples().stream()
                .filter(s -> s.name().equals("cache_requests_total")).collect(Collectors.toList());
        assertThat(cache).hasSize(9);
        assertThat(cache.get(0).labels()).containsOnly(entry("application", "storefront-api"),
                entry("cache", "pdp"), entry("result", "hit"), entry("tier", "l1"));
        assertThat(cache.get(0).value()).isEqualTo(184467.0);
        assertThat(cache.get(1).label("tier")).isEqualTo("redis");
        assertThat(cache.get(1).label("cache")).isEqualTo("pdp");
        assertThat(cache.get(1).value()).isEqualTo(120000.0);
        assertThat(cache.get(2).label("tier")).isEqualTo("coalesced");
        assertThat(cache.get(2).value()).isEqualTo(312.0);
        assertThat(cache.get(3).value()).isEqualTo(4500.0);
        assertThat(cache.get(8).labels()).containsOnly(entry("cache", "plp"), entry("result", "error"),
                entry("tier", "db"));
        assertThat(cache.get(7).value()).isEqualTo(11000.0);
    }

    @Test
    void unescapesLabelValues() {
        List<PrometheusTextParser.Sample> samples = PrometheusTextParser.parse(SCRAPE).samples();
        assertThat(samples.get(5).label("note")).isEqualTo("say \"cheese\", {ok}");
        assertThat(samples.get(6).label("path")).isEqualTo("C:\\tmp\nnext");
        assertThat(samples.get(6).label("tier")).isEqualTo("redis");
    }

    @Test
    void handlesSpecialValuesAndOtherMetrics() {
        PrometheusTextParser.Result result = PrometheusTextParser.parse(SCRAPE);
        assertThat(value(result, "http_server_requests_seconds_bucket")).isEqualTo(1234.0);
        assertThat(value(result, "http_server_requests_seconds_sum")).isEqualTo(0.01234);
        assertThat(value(result, "jvm_memory_used_bytes")).isNaN();
        assertThat(value(result, "process_uptime_seconds")).isEqualTo(170.0);
        assertThat(value(result, "up:ratio")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(value(result, "cache_requests_created")).isEqualTo(1.718e9);
        PrometheusTextParser.Sample bucket = result.samples().stream()
                .filter(s -> s.name().equals("http_server_requests_seconds_bucket")).findFirst().orElseThrow();
        assertThat(bucket.label("le")).isEqualTo("+Inf");
        assertThat(bucket.label("uri")).isEqualTo("/api/v1/products/{id}");
    }

    @Test
    void reportsBrokenLinesWithoutDroppingTheRest() {
        PrometheusTextParser.Result result = PrometheusTextParser.parse(SCRAPE);
        assertThat(result.problems()).hasSize(1);
        assertThat(result.problems().get(0)).startsWith("line 22:");
        assertThat(result.samples()).hasSize(15);
    }

    @Test
    void acceptsWindowsLineEndings() {
        String text = "# TYPE x counter\r\nx{a=\"1\"} 2\r\nx{a=\"2\"} 3\r\n";
        PrometheusTextParser.Result result = PrometheusTextParser.parse(text);
        assertThat(result.problems()).isEmpty();
        assertThat(result.samples()).extracting(PrometheusTextParser.Sample::value).containsExactly(2.0, 3.0);
    }

    @Test
    void rejectsMalformedLines() {
        assertThatThrownBy(() -> PrometheusTextParser.parseLine("x{a=\"1\" 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrometheusTextParser.parseLine("x{a=1} 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrometheusTextParser.parseLine("x{a=\"1} 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrometheusTextParser.parseLine("x{a=\"1\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrometheusTextParser.parseLine("x 0x1p3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrometheusTextParser.parseLine("9x 1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesNumberForms() {
        assertThat(PrometheusTextParser.parseValue("1")).isEqualTo(1.0);
        assertThat(PrometheusTextParser.parseValue("-2.5")).isEqualTo(-2.5);
        assertThat(PrometheusTextParser.parseValue("1e3")).isEqualTo(1000.0);
        assertThat(PrometheusTextParser.parseValue("6.02E-1")).isEqualTo(0.602);
        assertThat(PrometheusTextParser.parseValue(".5")).isEqualTo(0.5);
        assertThat(PrometheusTextParser.parseValue("+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
    }

    private static double value(PrometheusTextParser.Result result, String name) {
        return result.samples().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().value();
    }
}
