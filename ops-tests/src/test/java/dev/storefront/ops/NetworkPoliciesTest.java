package dev.storefront.ops;

import static dev.storefront.ops.PolicyEvaluator.Endpoint.external;
import static dev.storefront.ops.PolicyEvaluator.Endpoint.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.ops.PolicyEvaluator.Endpoint;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The rendered NetworkPolicies, evaluated over a cluster of pods: the storefront's own, its
 * neighbours, look-alikes in other namespaces, and addresses outside. Flows that touch neither
 * end in the storefront namespace are not ours to govern and are left out.
 */
class NetworkPoliciesTest {
  static final java.util.List<String> OVERLAYS = Rendered.OVERLAYS;
  private static final String NAME = "app.kubernetes.io/name";

  private static final Endpoint API = pod("storefront", "api", "10.1.0.10", NAME, "storefront-api");
  private static final Endpoint MIGRATE = pod("storefront", "migrate", "10.1.0.11", NAME, "storefront-migrate");
  private static final Endpoint BACKUP = pod("storefront", "backup", "10.1.0.12", NAME, "storefront-backup");
  private static final Endpoint DRILL = pod("storefront", "restore-drill", "10.1.0.13", NAME, "storefront-restore-drill");
  private static final Endpoint POSTGRES = pod("storefront", "postgresql", "10.1.0.20", NAME, "postgresql");
  private static final Endpoint REDIS = pod("storefront", "redis", "10.1.0.21", NAME, "redis");
  private static final Endpoint UNRELATED = pod("storefront", "debug-shell", "10.1.0.30", NAME, "debug-shell");
  private static final Endpoint INGRESS = pod("ingress-nginx", "controller", "10.2.0.10", NAME, "ingress-nginx");
  private static final Endpoint PROMETHEUS = pod("monitoring", "prometheus", "10.3.0.10", NAME, "prometheus");
  private static final Endpoint GRAFANA = pod("monitoring", "grafana", "10.3.0.11", NAME, "grafana");
  private static final Endpoint DNS = pod("kube-system", "coredns", "10.4.0.10", "k8s-app", "kube-dns");
  // Carries the API's labels, in another namespace: a podSelector alone must not admit it.
  private static final Endpoint IMPOSTOR = pod("other-team", "impostor", "10.5.0.10", NAME, "storefront-api");
  private static final Endpoint S3 = external("s3", "52.216.8.10");
  private static final Endpoint CLOUD_METADATA = external("cloud-metadata", "169.254.169.254");

  private static final Map<Endpoint, Set<String>> LISTENS = Map.ofEntries(
      Map.entry(API, Set.of("8080/TCP", "9090/TCP")), Map.entry(MIGRATE, Set.of()), Map.entry(BACKUP, Set.of()),
      Map.entry(DRILL, Set.of()), Map.entry(POSTGRES, Set.of("5432/TCP")), Map.entry(REDIS, Set.of("6379/TCP")),
      Map.entry(UNRELATED, Set.of("8080/TCP")), Map.entry(INGRESS, Set.of("80/TCP", "443/TCP")),
      Map.entry(PROMETHEUS, Set.of("9090/TCP")), Map.entry(GRAFANA, Set.of("3000/TCP")),
      Map.entry(DNS, Set.of("53/UDP", "53/TCP")), Map.entry(IMPOSTOR, Set.of("8080/TCP")),
      Map.entry(S3, Set.of("443/TCP", "80/TCP")), Map.entry(CLOUD_METADATA, Set.of("80/TCP")));

  /** Every flow the policies allow to or from the storefront namespace; nothing else may be. */
  private static final Set<String> EXPECTED = Set.of(
      "ingress-nginx/controller -> storefront/api 8080/TCP",
      "monitoring/prometheus -> storefront/api 9090/TCP",
      "storefront/api -> storefront/postgresql 5432/TCP",
      "storefront/api -> storefront/redis 6379/TCP",
      "storefront/api -> kube-system/coredns 53/UDP",
      "storefront/api -> kube-system/coredns 53/TCP",
      "storefront/api -> s3 443/TCP",
      "storefront/migrate -> storefront/postgresql 5432/TCP",
      "storefront/migrate -> kube-system/coredns 53/UDP",
      "storefront/migrate -> kube-system/coredns 53/TCP",
      "storefront/backup -> storefront/postgresql 5432/TCP",
      "storefront/backup -> kube-system/coredns 53/UDP",
      "storefront/backup -> kube-system/coredns 53/TCP",
      "storefront/backup -> s3 443/TCP",
      "storefront/restore-drill -> storefront/postgresql 5432/TCP",
      "storefront/restore-drill -> kube-system/coredns 53/UDP",
      "storefront/restore-drill -> kube-system/coredns 53/TCP",
      "storefront/restore-drill -> s3 443/TCP");

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void theApiReachesPostgresqlAndAnUnrelatedPodDoesNot(String overlay) {
    PolicyEvaluator policies = policies(overlay);
    assertThat(policies.allowed(API, POSTGRES, 5432, "TCP")).isTrue();
    assertThat(policies.allowed(UNRELATED, POSTGRES, 5432, "TCP")).isFalse();
    assertThat(policies.allowed(IMPOSTOR, POSTGRES, 5432, "TCP")).isFalse();
    assertThat(policies.allowed(UNRELATED, REDIS, 6379, "TCP")).isFalse();
    assertThat(policies.allowed(GRAFANA, API, 9090, "TCP")).isFalse();
    assertThat(policies.allowed(INGRESS, API, 9090, "TCP")).as("the management port from the ingress").isFalse();
    assertThat(policies.allowed(API, CLOUD_METADATA, 80, "TCP")).isFalse();
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void exactlyTheListedFlowsAreAllowed(String overlay) {
    PolicyEvaluator policies = policies(overlay);
    Set<String> allowed = new TreeSet<>();
    for (Endpoint from : LISTENS.keySet()) {
      for (var to : LISTENS.entrySet()) {
        if (from.equals(to.getKey()) || !touchesStorefront(from, to.getKey())) continue;
        for (String portProto : to.getValue()) {
          String[] pp = portProto.split("/");
          if (policies.allowed(from, to.getKey(), Integer.parseInt(pp[0]), pp[1])) {
            allowed.add(from + " -> " + to.getKey() + " " + portProto);
          }
        }
      }
    }
    assertThat(allowed).containsExactlyInAnyOrderElementsOf(EXPECTED);
  }

  private static boolean touchesStorefront(Endpoint a, Endpoint b) {
    return "storefront".equals(a.namespace()) || "storefront".equals(b.namespace());
  }

  private static PolicyEvaluator policies(String overlay) {
    return new PolicyEvaluator(Rendered.overlay(overlay).all(NetworkPolicy.class).toList());
  }
}
