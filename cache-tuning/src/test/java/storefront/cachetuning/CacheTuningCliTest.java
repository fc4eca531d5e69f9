package storefront.cachetuning;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheTuningCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CacheTuningCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void simulatePrintsTiersAndSweep() {
        assertThat(run("simulate", "--duration", "30", "--warmup=5", "--keys", "2000", "--plp")).isZero();
        assertThat(out()).contains("2000 products", "pdp     L1 hit", "plp     DB load", "Overall hit rate after warm-up",
                "L1 TTL sweep", "CATALOG_SYNC_POLL_MS", "     1 s ", "    30 s ", "   120 s ", "L1 entries",
                "L1 TTL 30 s,", "0.4 % of stock changes bump");
    }

    @Test
    void simulateWithoutSweep() {
        assertThat(run("simulate", "--duration", "10", "--warmup", "1", "--no-sweep")).isZero();
        assertThat(out()).contains("Overall hit rate").doesNotContain("L1 TTL sweep");
    }

    @Test
    void optionsReachTheConfig() {
        SimulationConfig c = CacheTuningCli.simulationConfig(CommandLineArgs.parse(
                List.of("--keys", "5_000", "--zipf", "0.8", "--l1-ttl-ms=250", "--redis-ttl", "600", "--plp",
                        "--seed", "9007199254740993", "--churn", "0"),
                Set.of("keys", "zipf", "l1-ttl-ms", "redis-ttl", "seed", "churn"), Set.of("plp")));
        assertThat(c.keys()).isEqualTo(5000);
        assertThat(c.zipfExponent()).isEqualTo(0.8);
        assertThat(c.l1TtlMs()).isEqualTo(250);
        assertThat(c.pdpRedisTtlSeconds()).isEqualTo(600);
        assertThat(c.plp()).isTrue();
        assertThat(c.seed()).isEqualTo(9007199254740993L);
        assertThat(c.churnPerSecond()).isZero();
        assertThat(c.requestRate()).isEqualTo(2000);
    }

    @Test
    void usageErrorsExitWithOne() {
        assertThat(run()).isEqualTo(CacheTuningCli.USAGE);
        assertThat(run("simulate", "--bogus", "1")).isEqualTo(CacheTuningCli.USAGE);
        assertThat(run("simulate", "--keys")).isEqualTo(CacheTuningCli.USAGE);
        assertThat(run("simulate", "--keys", "many")).isEqualTo(CacheTuningCli.USAGE);
        assertThat(run("simulate", "--warmup", "400")).isEqualTo(CacheTuningCli.USAGE);
        assertThat(run("report")).isEqualTo(CacheTuningCli.USAGE);
        assertThat(run("frobnicate")).isEqualTo(CacheTuningCli.USAGE);
        assertThat(err()).contains("unknown option --bogus", "needs a value", "expects a number",
                "warm-up must be", "report needs --metrics-url", "unknown command", "Usage:");
        out.reset();
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("[--l1-ttl-ms 30000]", "CATALOG_SYNC_POLL_MS").doesNotContain("500 ms");
    }

    @Test
    void reportReadsAFileAndSubtractsABaseline(@TempDir Path dir) throws IOException {
        Path now = dir.resolve("now.prom");
        Path before = dir.resolve("before.prom");
        Files.writeString(now, PrometheusTextParserTest.SCRAPE);
        Files.writeString(before, "cache_requests_total{cache=\"pdp\",result=\"miss\",tier=\"db\"} 4000\n");
        assertThat(run("report", "--metrics-file", now.toString())).isZero();
        assertThat(out()).contains("pdp", "98.55%", "plp: hit rate 76.47 %");
        assertThat(err()).contains("skipped line 22");

        out.reset();
        assertThat(run("report", "--metrics-file", now.toString(), "--baseline-file", before.toString())).isZero();
        // pdp misses since the baseline: 4500 - 4000 = 500 of 305279.
        assertThat(out()).contains("increase since", String.format(java.util.Locale.ROOT, "%.2f%%", 100 * 304779.0 / 305279.0));
    }

    @Test
    void reportOnTheExampleScrapes() {
        // The README's report samples: the whole run, then the increase since the 40 s scrape.
        assertThat(run("report", "--metrics-file", "examples/scrape-at-end.prom")).isZero();
        assertThat(out()).contains("pdp", "92.99%", "plp", "95.57%", "pdp: hit rate 92.99 %", "circuit breaker",
                "--baseline-file").doesNotContain("plp: hit rate");
        out.reset();
        assertThat(run("report", "--metrics-file", "examples/scrape-at-end.prom",
                "--baseline-file", "examples/scrape-at-40s.prom")).isZero();
        assertThat(out()).contains("increase since", "95.52%", "96.52%", "categories: no requests counted yet.")
                .doesNotContain("pdp: hit rate", "plp: hit rate");
        assertThat(err()).isEmpty();
    }

    @Test
    void reportFetchesOverHttp() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = PrometheusTextParserTest.SCRAPE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics";
            assertThat(run("report", "--metrics-url", url, "--timeout-seconds", "5")).isZero();
            assertThat(out()).contains(url, "98.55%");
            assertThat(run("report", "--metrics-url", url.replace("/metrics", "/nope"))).isEqualTo(CacheTuningCli.IO_ERROR);
            assertThat(err()).contains("HTTP 404");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void reportFailsCleanlyWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertThat(run("report", "--metrics-url", "http://127.0.0.1:" + port + "/metrics", "--timeout-seconds", "2"))
                .isEqualTo(CacheTuningCli.IO_ERROR);
        assertThat(err()).contains("could not fetch");
    }

    @Test
    void reportWithoutCacheSamplesExitsWithThree(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("other.prom");
        Files.writeString(file, "# TYPE up gauge\nup 1\n");
        assertThat(run("report", "--metrics-file", file.toString())).isEqualTo(CacheTuningCli.NO_SAMPLES);
        assertThat(run("report", "--metrics-file", dir.resolve("missing.prom").toString()))
                .isEqualTo(CacheTuningCli.IO_ERROR);
    }
}
