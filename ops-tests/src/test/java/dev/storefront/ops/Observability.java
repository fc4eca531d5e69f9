package dev.storefront.ops;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** The files under ops/observability, read as the tools that load them would. */
final class Observability {
  static final Path DIR = Tools.ROOT.resolve("ops/observability");
  static final Path RULES = DIR.resolve("prometheus/storefront.rules.yaml");
  static final Path RULE_TESTS = DIR.resolve("prometheus/tests/storefront.rules.test.yaml");
  static final Path ALERTMANAGER = DIR.resolve("alertmanager/alertmanager.yml");
  static final Path PROMTAIL = DIR.resolve("loki/promtail-values.yaml");
  static final Path DASHBOARDS = DIR.resolve("grafana/dashboards");

  record Alert(String name, String expr, String forDuration) {}

  record PanelQuery(String dashboard, String panel, String datasource, String expr) {}

  private Observability() {}

  static JsonNode yaml(Path file) {
    try {
      return Serialization.yamlMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Alert> alerts() {
    List<Alert> alerts = new ArrayList<>();
    for (JsonNode group : yaml(RULES).get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        alerts.add(new Alert(rule.get("alert").asString(), rule.get("expr").asString(), rule.path("for").asString("0s")));
      }
    }
    return alerts;
  }

  static List<PanelQuery> panelQueries() {
    List<PanelQuery> queries = new ArrayList<>();
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      for (Path file : files.sorted().toList()) {
        JsonNode dashboard = Serialization.jsonMapper().readTree(Files.readString(file));
        for (JsonNode panel : dashboard.get("panels")) {
          for (JsonNode target : panel.get("targets")) {
            queries.add(new PanelQuery(dashboard.get("title").asString(), panel.get("title").asString(),
                target.get("datasource").get("type").asString(), target.get("expr").asString()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return queries;
  }
}
