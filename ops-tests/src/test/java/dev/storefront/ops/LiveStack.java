package dev.storefront.ops;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real API (the built jar) behind a cuttable proxy to PostgreSQL, a real Prometheus scraping its
 * management port and evaluating the alert rules, and a real Alertmanager with the production
 * configuration delivering to a local stand-in for Slack.
 *
 * The test overlay, and the only differences from production: Prometheus scrapes and evaluates
 * every second (15 s / 1 m in production), every rule's `for` is 10 s and its rate windows 30 s
 * (5-15 min), and Alertmanager groups after 1 s (30 s); file paths point at a temporary directory.
 */
final class LiveStack implements AutoCloseable {
  static final int PRODUCTS = 300;
  static final String ADMIN_EMAIL = "admin@ops-live.test";
  static final String ADMIN_PASSWORD = "ops-live-admin-password";

  final Path dir;
  final String schema = "ops_live_" + System.currentTimeMillis();
  final String databaseUrl = env("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test");
  final TcpProxy database;
  final WebhookReceiver slack;
  final Map<String, String> apiEnv = new HashMap<>();
  final Http api;
  final Http management;
  final Http prometheus;
  final Http alertmanager;
  private final List<Daemon> daemons = new ArrayList<>();
  final Daemon apiProcess;

  LiveStack() throws Exception {
    dir = Files.createTempDirectory("ops-live");
    URI db = URI.create(databaseUrl);
    database = new TcpProxy(db.getPort());
    slack = new WebhookReceiver();
    int httpPort = Daemon.freePort();
    int managementPort = Daemon.freePort();
    apiEnv.putAll(Map.ofEntries(
        Map.entry("DATABASE_URL", databaseUrl.replace(":" + db.getPort() + "/", ":" + database.port + "/")),
        Map.entry("DATABASE_SCHEMA", schema), Map.entry("DATABASE_TIMEOUT_MS", "2000"),
        Map.entry("REDIS_URL", env("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")), Map.entry("CACHE_NAMESPACE", schema),
        Map.entry("HTTP_PORT", "" + httpPort), Map.entry("MANAGEMENT_PORT", "" + managementPort),
        Map.entry("HTTP_WARMUP_REQUESTS", "0"), Map.entry("SHUTDOWN_DRAIN_SECONDS", "0"),
        Map.entry("SHUTDOWN_GRACE_SECONDS", "1"), Map.entry("JWT_PRIVATE_KEY", privateKeyPem()),
        Map.entry("ADMIN_EMAIL", ADMIN_EMAIL), Map.entry("ADMIN_PASSWORD", ADMIN_PASSWORD),
        Map.entry("PAYMENT_WEBHOOK_SECRET", "whsec_ops_live"), Map.entry("LOG_LEVEL", "INFO")));
    api = new Http("http://127.0.0.1:" + httpPort);
    management = new Http("http://127.0.0.1:" + managementPort);

    Daemon seed = new Daemon("seed", dir, apiEnv, java("seed", "--products", "" + PRODUCTS));
    if (seed.waitFor(120) != 0) throw new AssertionError("seed failed:\n" + seed.output());
    apiProcess = start("api", java("serve"));
    awaitStatus(management, "/health/ready", 200, 120, apiProcess);

    int alertmanagerPort = Daemon.freePort();
    writeAlertmanagerFiles();
    alertmanager = new Http("http://127.0.0.1:" + alertmanagerPort);
    Daemon am = start("alertmanager", List.of("prometheus-alertmanager", "--config.file=alertmanager.yml",
        "--storage.path=" + dir.resolve("alertmanager-data"), "--web.listen-address=127.0.0.1:" + alertmanagerPort,
        "--cluster.listen-address="));
    awaitStatus(alertmanager, "/-/ready", 200, 30, am);

    int prometheusPort = Daemon.freePort();
    writePrometheusFiles(managementPort, alertmanagerPort);
    prometheus = new Http("http://127.0.0.1:" + prometheusPort);
    Daemon prom = start("prometheus", List.of("prometheus", "--config.file=prometheus.yml",
        "--storage.tsdb.path=" + dir.resolve("prometheus-data"), "--web.listen-address=127.0.0.1:" + prometheusPort));
    awaitStatus(prometheus, "/-/ready", 200, 30, prom);
    // Prometheus applies its targets a few seconds after it is ready: counters born before its first
    // scrape would show no increase, so nothing happens until the API has been scraped.
    long end = System.currentTimeMillis() + 30_000;
    while (prometheus.get("/api/v1/query?query=up%3D%3D1", null).json().path("data").path("result").isEmpty()) {
      if (System.currentTimeMillis() > end) throw new AssertionError("Prometheus never scraped the API:\n" + prom.output());
      Thread.sleep(250);
    }
  }

  /** The production rules with the test overlay's short `for` and rate windows. */
  static String testRules() throws IOException {
    return Files.readString(Observability.RULES)
        .replaceAll("for: \\d+[smh]", "for: 10s")
        .replaceAll("\\[\\d+m]", "[30s]");
  }

  private void writePrometheusFiles(int managementPort, int alertmanagerPort) throws IOException {
    Files.writeString(dir.resolve("rules.yaml"), testRules());
    Files.writeString(dir.resolve("prometheus.yml"), """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files: [rules.yaml]
        alerting:
          alertmanagers:
            - static_configs:
                - targets: ['127.0.0.1:%d']
        scrape_configs:
          - job_name: storefront-api
            static_configs:
              - targets: ['127.0.0.1:%d']
        """.formatted(alertmanagerPort, managementPort));
  }

  private void writeAlertmanagerFiles() throws IOException {
    Path secrets = Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(secrets.resolve("slack-webhook-url"), slack.url());
    Files.writeString(secrets.resolve("smtp-password"), "not-a-password");
    Files.writeString(secrets.resolve("recipients.tmpl"), "{{ define \"storefront.email.to\" }}oncall@example.test{{ end }}");
    String config = Files.readString(Observability.ALERTMANAGER)
        .replace("/etc/alertmanager/secrets", secrets.toString())
        .replace("group_wait: 30s", "group_wait: 1s")
        .replace("group_interval: 5m", "group_interval: 5s")
        .replace("smtp.example.com:587", "127.0.0.1:" + Daemon.freePort())
        .replace("smtp_require_tls: true", "smtp_require_tls: false");
    Files.writeString(dir.resolve("alertmanager.yml"), config);
  }

  Daemon start(String name, List<String> command) {
    Daemon d = new Daemon(name, dir, apiEnv, command);
    daemons.add(d);
    return d;
  }

  static List<String> java(String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-jar", Tools.ROOT.resolve("api/target/storefront-api.jar").toString()));
    command.addAll(List.of(args));
    return command;
  }

  static void awaitStatus(Http http, String path, int status, int seconds, Daemon process) throws InterruptedException {
    long end = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < end) {
      if (http.get(path, null).status() == status) return;
      if (!process.alive()) throw new AssertionError(process.name + " exited:\n" + process.output());
      Thread.sleep(250);
    }
    throw new AssertionError(process.name + ": " + path + " not " + status + " within " + seconds + " s:\n" + process.output());
  }

  private static String privateKeyPem() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  @Override
  public void close() throws Exception {
    for (int i = daemons.size() - 1; i >= 0; i--) daemons.get(i).close();
    slack.close();
    database.close();
    Tools.run(dir, "psql", databaseUrl, "-qc", "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }
}
