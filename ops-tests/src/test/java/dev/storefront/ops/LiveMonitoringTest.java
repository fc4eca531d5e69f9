package dev.storefront.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * On this machine: a real Prometheus scrapes a real API under load; every query of the dashboards
 * and rules runs against it; then PostgreSQL is made unreachable and the 5xx alert must travel
 * through a real Alertmanager to the Slack stand-in. Intervals are shortened (see {@link LiveStack}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveMonitoringTest {
  /** Comes with the backup feature; checked whenever the API exports it. */
  private static final String BACKUP_METRIC = "backup_newest_success_timestamp_seconds";

  private LiveStack stack;
  private Load load;

  @BeforeAll
  void startUnderLoad() throws Exception {
    stack = new LiveStack();
    String admin = Traffic.signInAdmin(stack.api);
    String shopper = Traffic.signUp(stack.api);
    Traffic.setStock(stack.api, admin, 7, 100);
    // Twice, scrapes apart: a counter first appears at 1, and only a later increase shows in rate().
    for (int round = 0; round < 2; round++) {
      Traffic.purchase(stack, shopper, 7);
      Traffic.watchStockChanges(stack.api, admin, List.of(11, 12, 13, 14, 15));
      Thread.sleep(2_500);
    }
    load = new Load(stack.api, shopper, LiveStack.PRODUCTS, 4);
    awaitQuery("sum(rate(http_server_requests_seconds_count[1m])) > 10", 60);
    awaitQuery("sum(rate(events_read_total{type=\"points.changed\"}[5m])) > 0", 30);
    Thread.sleep(5_000); // several scrapes of the steady load
  }

  @AfterAll
  void stop() throws Exception {
    if (load != null) load.close();
    if (stack != null) stack.close();
  }

  @Test
  @Order(1)
  void everyRuleAndPanelQueryEvaluatesAndEveryPanelHasData() throws Exception {
    List<String> problems = new ArrayList<>();
    boolean backupExported = scrapedNames().contains(BACKUP_METRIC);
    for (var alert : Observability.alerts()) {
      JsonNode r = query(alert.expr());
      if (!"success".equals(r.path("status").asString())) problems.add("rule " + alert.name() + ": " + r);
    }
    for (var panel : Observability.panelQueries()) {
      if (!panel.datasource().equals("prometheus")) continue;
      if (!backupExported && QueryNames.metrics(panel.expr()).contains(BACKUP_METRIC)) continue;
      JsonNode r = query(panel.expr());
      if (!"success".equals(r.path("status").asString())) {
        problems.add(panel.dashboard() + " / " + panel.panel() + ": " + r);
      } else if (!hasFiniteValue(r)) {
        problems.add(panel.dashboard() + " / " + panel.panel() + ": no data for " + panel.expr());
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  @Order(2)
  void everyMetricAndLogFieldNamedExistsInTheApi() throws Exception {
    Set<String> scraped = scrapedNames();
    Set<String> named = new TreeSet<>();
    Observability.alerts().forEach(a -> named.addAll(QueryNames.metrics(a.expr())));
    Observability.panelQueries().stream().filter(p -> p.datasource().equals("prometheus"))
        .forEach(p -> named.addAll(QueryNames.metrics(p.expr())));
    if (!scraped.contains(BACKUP_METRIC)) named.remove(BACKUP_METRIC); // until the backup feature lands
    assertThat(named).hasSizeGreaterThan(20);
    assertThat(scraped).containsAll(named);

    Set<String> logFields = new HashSet<>();
    for (String line : stack.apiProcess.output().split("\n")) {
      if (line.startsWith("{")) stack.api.json(line).properties().forEach(e -> logFields.add(e.getKey()));
    }
    Set<String> usedFields = new TreeSet<>();
    Observability.yaml(Observability.PROMTAIL).get("config").get("snippets").get("pipelineStages").forEach(stage -> {
      JsonNode match = stage.get("match");
      if (match == null) return;
      match.get("stages").forEach(s -> {
        if (s.has("json")) s.get("json").get("expressions").forEach(v -> usedFields.add(v.asString().replace("\"", "")));
      });
    });
    Observability.panelQueries().stream().filter(p -> p.datasource().equals("loki"))
        .forEach(p -> usedFields.addAll(QueryNames.logFields(p.expr())));
    assertThat(usedFields).contains("level", "@timestamp", "status");
    assertThat(logFields).containsAll(usedFields).contains("requestId", "route", "durationMs");
  }

  @Test
  @Order(3)
  void aPostgresqlOutageUnderLoadFiresThe5xxAlertIntoSlack() throws Exception {
    assertThat(firing()).doesNotContain("Api5xxRatioHigh");
    assertThat(stack.slack.deliveries).noneMatch(d -> d.body().contains("Api5xxRatioHigh"));
    long cut = System.currentTimeMillis();
    stack.database.cut();
    long delivered = 0;
    while (System.currentTimeMillis() - cut < 180_000 && delivered == 0) {
      Thread.sleep(200);
      delivered = stack.slack.deliveries.stream()
          .filter(d -> d.body().contains("FIRING: Api5xxRatioHigh")).mapToLong(WebhookReceiver.Delivery::receivedAtMillis)
          .findFirst().orElse(0);
    }
    System.out.printf("outage to delivered Api5xxRatioHigh: %.1f s; load statuses %s%n",
        (delivered - cut) / 1000.0, load.statuses());
    assertThat(delivered).as("Api5xxRatioHigh delivered to the Slack stand-in within 180 s").isPositive();
    assertThat(load.statuses()).containsKey(503);
    String slackMessage = stack.slack.deliveries.stream().filter(d -> d.body().contains("Api5xxRatioHigh"))
        .findFirst().orElseThrow().body();
    assertThat(slackMessage).contains("of API responses are 5xx", "docs/runbooks/Api5xxRatioHigh.md", "#storefront-alerts");

    stack.database.restore();
    LiveStack.awaitStatus(stack.management, "/health/ready", 200, 60, stack.apiProcess);
  }

  private Set<String> scrapedNames() {
    Set<String> names = new HashSet<>();
    for (String line : stack.management.get("/metrics", null).body().split("\n")) {
      if (!line.isEmpty() && !line.startsWith("#")) names.add(line.split("[{ ]", 2)[0]);
    }
    return names;
  }

  private Set<String> firing() {
    Set<String> names = new HashSet<>();
    stack.prometheus.get("/api/v1/alerts", null).json().get("data").get("alerts").forEach(a -> {
      if (a.get("state").asString().equals("firing")) names.add(a.get("labels").get("alertname").asString());
    });
    return names;
  }

  private JsonNode query(String promql) {
    return stack.prometheus.get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8), null).json();
  }

  private static boolean hasFiniteValue(JsonNode response) {
    JsonNode data = response.get("data");
    if (!data.get("resultType").asString().equals("vector")) return finite(data.get("result").get(1));
    for (JsonNode series : data.get("result")) {
      if (finite(series.get("value").get(1))) return true;
    }
    return false;
  }

  private static boolean finite(JsonNode sampleValue) {
    double v = Double.parseDouble(sampleValue.asString());
    return !Double.isNaN(v) && !Double.isInfinite(v);
  }

  private void awaitQuery(String promql, int seconds) throws InterruptedException {
    long end = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < end) {
      JsonNode r = query(promql);
      if (r.path("data").path("result").size() > 0) return;
      Thread.sleep(500);
    }
    throw new AssertionError("no result within " + seconds + " s for " + promql + "; load " + load);
  }
}
