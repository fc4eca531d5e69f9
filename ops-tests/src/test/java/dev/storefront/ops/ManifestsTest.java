package dev.storefront.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Both overlays render, parse as typed objects, and hold the properties the issue asks of them. */
class ManifestsTest {
  static final List<String> OVERLAYS = Rendered.OVERLAYS;

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyPodSpecMeetsTheRestrictedProfile(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    Map<String, PodSpec> pods = podSpecs(r);
    assertThat(pods).containsOnlyKeys("Deployment/storefront-api", "Job/storefront-migrate",
        "CronJob/storefront-backup", "Job/storefront-restore-drill");
    List<String> violations = new ArrayList<>();
    pods.forEach((owner, pod) -> violations.addAll(RestrictedProfile.violations(overlay + " " + owner, pod)));
    assertThat(violations).isEmpty();
    assertThat(r.one(io.fabric8.kubernetes.api.model.Namespace.class, "storefront").getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyDeploymentHasADisruptionBudgetAndAnAutoscaler(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    r.all(Deployment.class).forEach(d -> {
      Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
      assertThat(r.all(PodDisruptionBudget.class).filter(pdb -> pdb.getMetadata().getNamespace()
              .equals(d.getMetadata().getNamespace())
          && podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet())))
          .as("%s: a PDB selecting Deployment %s", overlay, d.getMetadata().getName()).hasSize(1);
      assertThat(r.all(HorizontalPodAutoscaler.class).filter(h -> h.getSpec().getScaleTargetRef().getName()
          .equals(d.getMetadata().getName()))).as("an HPA for %s", d.getMetadata().getName()).hasSize(1);
    });
    assertThat(r.one(HorizontalPodAutoscaler.class, "storefront-api").getSpec().getMinReplicas())
        .isGreaterThanOrEqualTo(overlay.equals("prod") ? 2 : 1);
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void aDefaultDenyPolicyCoversTheNamespace(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    assertThat(r.all(NetworkPolicy.class).filter(p -> p.getMetadata().getNamespace().equals("storefront")
        && p.getSpec().getPodSelector().getMatchLabels().isEmpty()
        && p.getSpec().getPodSelector().getMatchExpressions().isEmpty()
        && p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
        && p.getSpec().getIngress().isEmpty() && p.getSpec().getEgress().isEmpty())).hasSize(1);
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void signInAndSignUpAreRateLimitedWith429(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    Ingress auth = ingressFor(r, "/api/v1/auth/");
    assertThat(auth.getMetadata().getAnnotations()).containsKey("nginx.ingress.kubernetes.io/limit-rpm");
    // ingress-nginx answers requests over the limit with 503 unless its controller is told 429.
    ConfigMap controller = r.one(ConfigMap.class, "ingress-nginx-controller");
    assertThat(controller.getMetadata().getNamespace()).isEqualTo("ingress-nginx");
    assertThat(controller.getData()).containsEntry("limit-req-status-code", "429");
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void eventStreamsAreUnbufferedWithLongReads(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    for (String stream : List.of("/api/v1/inventory/stream", "/api/v1/me/stream")) {
      Map<String, String> a = ingressFor(r, stream).getMetadata().getAnnotations();
      assertThat(a).containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off");
      assertThat(Integer.parseInt(a.get("nginx.ingress.kubernetes.io/proxy-read-timeout"))).isGreaterThanOrEqualTo(3600);
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void theManagementPortIsNeverExposedAndEveryHostHasTls(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    r.all(Service.class).flatMap(s -> s.getSpec().getPorts().stream()).forEach(p -> {
      assertThat(p.getPort()).isNotEqualTo(9090);
      assertThat(p.getTargetPort().getStrVal() != null ? p.getTargetPort().getStrVal() : "" + p.getTargetPort().getIntVal())
          .isIn("http", "8080");
    });
    r.all(Ingress.class).forEach(i -> {
      i.getSpec().getRules().forEach(rule -> {
        assertThat(i.getSpec().getTls()).anyMatch(t -> t.getHosts().contains(rule.getHost()));
        rule.getHttp().getPaths().forEach(p -> assertThat(p.getBackend().getService().getPort().getName()).isEqualTo("http"));
      });
      assertThat(i.getMetadata().getAnnotations()).containsEntry("nginx.ingress.kubernetes.io/ssl-redirect", "true");
    });
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void podsServeWithoutMigratingAndStopWithinTheirGrace(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    Deployment d = r.one(Deployment.class, "storefront-api");
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    Container api = pod.getContainers().get(0);
    assertThat(api.getArgs()).containsExactly("serve", "--no-migrate");
    for (var probe : List.of(api.getLivenessProbe(), api.getReadinessProbe(), api.getStartupProbe())) {
      assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
    }
    assertThat(api.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
    assertThat(api.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
    Map<String, String> settings = r.one(ConfigMap.class, "storefront-api-settings").getData();
    List<String> preStop = api.getLifecycle().getPreStop().getExec().getCommand();
    assertThat(preStop.get(0)).isEqualTo("sleep");
    long needed = Long.parseLong(preStop.get(1)) + Long.parseLong(settings.get("SHUTDOWN_DRAIN_SECONDS"))
        + Long.parseLong(settings.get("SHUTDOWN_GRACE_SECONDS"));
    assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(needed + 5);
    assertThat(settings).containsEntry("MANAGEMENT_PORT", "9090").containsEntry("HTTP_PORT", "8080");
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  @SuppressWarnings("unchecked")
  void theFlagFileIsAConfigMapMountedAsADirectorySoEditsReachRunningPods(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    PodSpec pod = r.one(Deployment.class, "storefront-api").getSpec().getTemplate().getSpec();
    Container api = pod.getContainers().get(0);
    String file = api.getEnv().stream().filter(e -> e.getName().equals("FLAGS_FILE")).findFirst()
        .orElseThrow(() -> new AssertionError(overlay + ": no FLAGS_FILE")).getValue();
    String dir = file.substring(0, file.lastIndexOf('/'));
    var mount = api.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(dir)).findFirst()
        .orElseThrow(() -> new AssertionError(overlay + ": nothing mounted at " + dir));
    assertThat(mount.getSubPath()).as("subPath mounts never see ConfigMap updates").isNull();
    assertThat(mount.getReadOnly()).isTrue();
    var volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
    assertThat(volume.getConfigMap().getName()).isEqualTo("storefront-flags");
    assertThat(volume.getConfigMap().getItems()).as("every key, under its own name").isNullOrEmpty();
    String json = r.one(ConfigMap.class, "storefront-flags").getData().get(file.substring(dir.length() + 1));
    assertThat(json).as("the key FLAGS_FILE names").isNotNull();
    Map<String, Object> doc = new io.fabric8.kubernetes.client.utils.KubernetesSerialization().unmarshal(json, Map.class);
    assertThat(doc).containsOnlyKeys("flags");
    Map<String, Object> flags = (Map<String, Object>) doc.get("flags");
    assertThat(flags).containsKeys("liveStockBanner", "pointsBadge");
    flags.values().forEach(f -> {
      Map<String, Object> flag = (Map<String, Object>) f;
      assertThat(flag.keySet()).isSubsetOf("enabled", "rollout");
      assertThat(flag.get("enabled")).isInstanceOf(Boolean.class);
      if (flag.containsKey("rollout")) assertThat((Integer) flag.get("rollout")).isBetween(0, 100);
    });
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void migrationsBackupAndRestoreDrillRunTheSameImage(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    String image = r.one(Deployment.class, "storefront-api").getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    Container migrate = r.one(Job.class, "storefront-migrate").getSpec().getTemplate().getSpec().getContainers().get(0);
    Container backup = r.one(CronJob.class, "storefront-backup").getSpec().getJobTemplate().getSpec().getTemplate()
        .getSpec().getContainers().get(0);
    Container drill = r.one(Job.class, "storefront-restore-drill").getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(migrate.getArgs()).containsExactly("migrate");
    assertThat(backup.getArgs()).containsExactly("backup");
    assertThat(drill.getArgs()).containsExactly("restore-drill");
    assertThat(List.of(migrate.getImage(), backup.getImage(), drill.getImage())).containsOnly(image);
    assertThat(image).doesNotEndWith(":latest");
    assertThat(r.one(CronJob.class, "storefront-backup").getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void secretTemplatesCarryNoSecrets(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    assertThat(r.all(Secret.class)).isNotEmpty().allSatisfy(s -> {
      assertThat(s.getData()).isNullOrEmpty();
      assertThat(s.getStringData().values()).allMatch(String::isEmpty);
    });
  }

  static Ingress ingressFor(Rendered r, String path) {
    return r.all(Ingress.class).filter(i -> i.getSpec().getRules().stream()
            .flatMap(rule -> rule.getHttp().getPaths().stream()).map(HTTPIngressPath::getPath).anyMatch(path::equals))
        .findFirst().orElseThrow(() -> new AssertionError("no Ingress for " + path));
  }

  static Map<String, PodSpec> podSpecs(Rendered r) {
    Map<String, PodSpec> pods = new LinkedHashMap<>();
    r.all(Deployment.class).forEach(d -> pods.put("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate().getSpec()));
    r.all(Job.class).forEach(j -> pods.put("Job/" + j.getMetadata().getName(), j.getSpec().getTemplate().getSpec()));
    r.all(CronJob.class).forEach(c -> pods.put("CronJob/" + c.getMetadata().getName(),
        c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec()));
    return pods;
  }
}
