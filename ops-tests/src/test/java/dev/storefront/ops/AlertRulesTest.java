package dev.storefront.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The alert rules and Alertmanager configuration, checked and unit-tested by Prometheus' own tools. */
class AlertRulesTest {
  private static final Path PROMETHEUS_DIR = Observability.RULES.getParent();

  @Test
  void rulesAreValidPromQl() {
    assertThat(Tools.ok(PROMETHEUS_DIR, "promtool", "check", "rules", "storefront.rules.yaml"))
        .contains("SUCCESS: " + Observability.alerts().size() + " rules found");
  }

  @Test
  void eachAlertFiresWhenItShouldAndStaysQuietWhenItShouldNot() {
    assertThat(Tools.ok(PROMETHEUS_DIR, "promtool", "test", "rules", "tests/storefront.rules.test.yaml")).contains("SUCCESS");
    Set<String> fires = new HashSet<>();
    Set<String> quiet = new HashSet<>();
    for (JsonNode test : Observability.yaml(Observability.RULE_TESTS).get("tests")) {
      for (JsonNode check : test.get("alert_rule_test")) {
        (check.get("exp_alerts").isEmpty() ? quiet : fires).add(check.get("alertname").asString());
      }
    }
    Set<String> alerts = new HashSet<>();
    Observability.alerts().forEach(a -> alerts.add(a.name()));
    assertThat(fires).as("alerts with a case where they fire").isEqualTo(alerts);
    assertThat(quiet).as("alerts with a case where they stay quiet").isEqualTo(alerts);
  }

  @Test
  void alertmanagerConfigIsValidAndCriticalAlertsAlsoGoByEmail() {
    Tools.ok(Observability.ALERTMANAGER.getParent(), "amtool", "check-config", "alertmanager.yml");
    assertThat(receiver("alertname=Api5xxRatioHigh", "severity=critical")).isEqualTo("slack-and-email");
    assertThat(receiver("alertname=CacheHitRateLow", "severity=warning")).isEqualTo("slack");
  }

  /** The receiver amtool routes these labels to (its notice about --config.file cut off). */
  private static String receiver(String... labels) {
    String[] command = new String[5 + labels.length];
    System.arraycopy(new String[] {"amtool", "config", "routes", "test", "--config.file=alertmanager.yml"}, 0, command, 0, 5);
    System.arraycopy(labels, 0, command, 5, labels.length);
    return Tools.ok(Observability.ALERTMANAGER.getParent(), command).replaceAll("Warning:[^\n]*", "").trim();
  }

  @Test
  void everyAlertHasARunbook() throws IOException {
    for (var alert : Observability.alerts()) {
      Path runbook = Tools.ROOT.resolve("docs/runbooks/" + alert.name() + ".md");
      assertThat(runbook).as("runbook of %s", alert.name()).exists();
      assertThat(Files.readString(runbook)).contains("## What it means", "## First checks", "## Mitigation");
    }
  }
}
