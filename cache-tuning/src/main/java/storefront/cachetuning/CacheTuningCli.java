package storefront.cachetuning;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Entry point: {@code simulate} and {@code report} subcommands. */
public final class CacheTuningCli {

    static final int OK = 0;
    static final int USAGE = 1;
    static final int IO_ERROR = 2;
    static final int NO_SAMPLES = 3;

    private static final Set<String> SIMULATE_OPTIONS = Set.of("keys", "zipf", "rate", "duration", "warmup",
            "instances", "l1-ttl-ms", "l1-max-entries", "redis-ttl", "plp-redis-ttl", "jitter", "churn",
            "plp-share", "plp-invalidation-share", "redis-latency-ms", "db-latency-ms", "seed");
    private static final Set<String> SIMULATE_FLAGS = Set.of("plp", "no-sweep");
    private static final Set<String> REPORT_OPTIONS = Set.of("metrics-url", "metrics-file", "baseline-file",
            "timeout-seconds", "target");

    static final String USAGE_TEXT = String.join("\n",
            "Usage:",
            "  simulate [--keys 10000] [--zipf 1.0] [--rate 2000] [--duration 300] [--warmup 60]",
            "           [--instances 2] [--l1-ttl-ms 30000] [--l1-max-entries 20000] [--redis-ttl 300]",
            "           [--churn 5] [--plp] [--plp-redis-ttl 60] [--plp-share 0.263]",
            "           [--plp-invalidation-share 0.00398] [--jitter 0.1]",
            "           [--redis-latency-ms 0.5] [--db-latency-ms 2] [--seed 42] [--no-sweep]",
            "  report   (--metrics-url URL | --metrics-file PATH)... [--baseline-file PATH]",
            "           [--timeout-seconds 10] [--target 95]",
            "",
            "simulate: --l1-ttl-ms is CACHE_L1_TTL_MS, which only limits how long cold entries stay in",
            "  memory; cross-instance staleness is bounded by the change-feed poll (CATALOG_SYNC_POLL_MS,",
            "  250 ms), not by the TTL. --plp-invalidation-share is the share of stock changes that bump",
            "  their category's listing version; the default, 2 x (1/501) x (500/501), is the chance that",
            "  a change to a uniform stock of 0..500 flips availability (only inStock shows in listings).",
            "");

    private CacheTuningCli() {
    }

    public static void main(String[] args) {
        int code = run(Arrays.asList(args), System.out, System.err);
        if (code != OK) {
            System.exit(code);
        }
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            (args.isEmpty() ? err : out).print(USAGE_TEXT);
            return args.isEmpty() ? USAGE : OK;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            switch (args.get(0)) {
                case "simulate":
                    return simulate(CommandLineArgs.parse(rest, SIMULATE_OPTIONS, SIMULATE_FLAGS), out);
                case "report":
                    return report(CommandLineArgs.parse(rest, REPORT_OPTIONS, Set.of()), out, err);
                default:
                    throw new CommandLineArgs.UsageException("unknown command '" + args.get(0) + "'");
            }
        } catch (CommandLineArgs.UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
    }

    static SimulationConfig simulationConfig(CommandLineArgs a) {
        SimulationConfig d = SimulationConfig.defaults();
        return SimulationConfig.builder()
                .keys(a.intValue("keys", d.keys()))
                .zipfExponent(a.number("zipf", d.zipfExponent()))
                .requestRate(a.number("rate", d.requestRate()))
                .durationSeconds(a.number("duration", d.durationSeconds()))
                .warmupSeconds(a.number("warmup", d.warmupSeconds()))
                .instances(a.intValue("instances", d.instances()))
                .l1TtlMs(a.integer("l1-ttl-ms", d.l1TtlMs()))
                .l1MaxEntries(a.intValue("l1-max-entries", d.l1MaxEntries()))
                .pdpRedisTtlSeconds(a.number("redis-ttl", d.pdpRedisTtlSeconds()))
                .plpRedisTtlSeconds(a.number("plp-redis-ttl", d.plpRedisTtlSeconds()))
                .ttlJitter(a.number("jitter", d.ttlJitter()))
                .churnPerSecond(a.number("churn", d.churnPerSecond()))
                .plp(a.flag("plp"))
                .plpShare(a.number("plp-share", d.plpShare()))
                .plpInvalidationShare(a.number("plp-invalidation-share", d.plpInvalidationShare()))
                .redisLatencyMs(a.number("redis-latency-ms", d.redisLatencyMs()))
                .dbLatencyMs(a.number("db-latency-ms", d.dbLatencyMs()))
                .seed(a.integer("seed", d.seed()))
                .build();
    }

    private static int simulate(CommandLineArgs a, PrintStream out) {
        SimulationConfig config = simulationConfig(a);
        SimulationResult result = CacheSimulator.run(config);
        List<SimulationResult> sweep = a.flag("no-sweep") ? List.of() : CacheSimulator.sweepL1Ttl(config);
        out.print(SimulationReport.render(result, sweep));
        return OK;
    }

    private static int report(CommandLineArgs a, PrintStream out, PrintStream err) {
        List<String> urls = a.all("metrics-url");
        List<String> files = a.all("metrics-file");
        if (urls.isEmpty() && files.isEmpty()) {
            throw new CommandLineArgs.UsageException("report needs --metrics-url or --metrics-file");
        }
        double target = a.number("target", 100 * SimulationReport.TARGET_HIT_RATE) / 100;
        if (!(target > 0 && target <= 1)) {
            throw new CommandLineArgs.UsageException("--target is a percentage in (0, 100]");
        }
        Duration timeout = Duration.ofMillis(Math.round(1000 * a.number("timeout-seconds", 10)));
        List<PrometheusTextParser.Sample> samples = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<PrometheusTextParser.Sample> baseline = new ArrayList<>();
        try {
            for (String url : urls) {
                samples.addAll(parse(fetch(url, timeout), url, err));
                sources.add(url);
            }
            for (String file : files) {
                samples.addAll(parse(Files.readString(Path.of(file), StandardCharsets.UTF_8), file, err));
                sources.add(file);
            }
            String baselineFile = a.string("baseline-file", null);
            if (baselineFile != null) {
                baseline.addAll(parse(Files.readString(Path.of(baselineFile), StandardCharsets.UTF_8), baselineFile, err));
            }
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return IO_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return IO_ERROR;
        }
        Map<String, HitRateReport.CacheStats> stats = HitRateReport.aggregate(samples);
        if (stats.isEmpty()) {
            err.println("error: no " + HitRateReport.METRIC + " samples in " + String.join(", ", sources));
            return NO_SAMPLES;
        }
        boolean sinceBaseline = a.string("baseline-file", null) != null;
        if (sinceBaseline) {
            stats = HitRateReport.since(stats, HitRateReport.aggregate(baseline));
        }
        out.println(HitRateReport.METRIC + " from " + String.join(", ", sources)
                + (sinceBaseline ? " (increase since " + a.string("baseline-file", "") + ")" : ""));
        out.print(HitRateReport.render(stats, target, sinceBaseline));
        return OK;
    }

    private static List<PrometheusTextParser.Sample> parse(String text, String source, PrintStream err) {
        PrometheusTextParser.Result result = PrometheusTextParser.parse(text);
        for (String problem : result.problems()) {
            err.println("warning: " + source + ": skipped " + problem);
        }
        return result.samples();
    }

    static String fetch(String url, Duration timeout) throws IOException, InterruptedException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new CommandLineArgs.UsageException("bad --metrics-url '" + url + "'");
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "text/plain;version=0.0.4;q=1,*/*;q=0.1").GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException("could not fetch " + url + ": " + e, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }
}
