package dev.storefront.ops;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** One kustomize overlay rendered by {@code kubectl kustomize} and parsed into typed objects. */
record Rendered(String overlay, List<HasMetadata> objects) {
  static final List<String> OVERLAYS = List.of("dev", "prod");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static Rendered overlay(String name) {
    String yaml = Tools.ok(Tools.ROOT, "kubectl", "kustomize", "ops/k8s/overlays/" + name);
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (doc.isBlank()) continue;
      HasMetadata object = SERIALIZATION.unmarshal(doc);
      // A kind fabric8 does not know, or a typo in apiVersion, would come back untyped.
      if (object instanceof GenericKubernetesResource) {
        throw new AssertionError(name + ": not a known Kubernetes type: " + object.getApiVersion() + " "
            + object.getKind() + " " + object.getMetadata().getName());
      }
      objects.add(object);
    }
    return new Rendered(name, objects);
  }

  <T extends HasMetadata> Stream<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast);
  }

  <T extends HasMetadata> T one(Class<T> type, String name) {
    return all(type).filter(o -> o.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(overlay + ": no " + type.getSimpleName() + " " + name));
  }
}
