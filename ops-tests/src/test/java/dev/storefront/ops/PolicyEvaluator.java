package dev.storefront.ops;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;

/**
 * NetworkPolicy semantics (kubernetes.io/docs/concepts/services-networking/network-policies) over a
 * set of policies: a flow is allowed when the source may send it (no Egress policy selects the
 * source pod, or one of their rules admits the destination and port) and the destination may take
 * it (likewise for Ingress). Peers: podSelector alone means pods of the policy's namespace;
 * namespaceSelector alone, every pod of the matching namespaces; both, the matching pods of the
 * matching namespaces; ipBlock, addresses in the CIDR outside its exceptions. An absent peer list or
 * port list matches everything; an empty selector matches everything it ranges over. Named ports
 * and endPort are not used by our manifests and are refused rather than guessed.
 */
final class PolicyEvaluator {
  /** A pod (namespace and labels) or, with a null namespace, an address outside the cluster. */
  record Endpoint(String name, String namespace, Map<String, String> labels, String ip) {
    static Endpoint pod(String namespace, String name, String ip, String... labels) {
      Map<String, String> map = new java.util.LinkedHashMap<>();
      for (int i = 0; i < labels.length; i += 2) map.put(labels[i], labels[i + 1]);
      return new Endpoint(name, namespace, map, ip);
    }

    static Endpoint external(String name, String ip) {
      return new Endpoint(name, null, Map.of(), ip);
    }

    boolean inCluster() {
      return namespace != null;
    }

    Map<String, String> namespaceLabels() {
      return Map.of("kubernetes.io/metadata.name", namespace);
    }

    @Override
    public String toString() {
      return inCluster() ? namespace + "/" + name : name;
    }
  }

  private final List<NetworkPolicy> policies;

  PolicyEvaluator(List<NetworkPolicy> policies) {
    this.policies = policies;
  }

  boolean allowed(Endpoint from, Endpoint to, int port, String protocol) {
    return egressAllowed(from, to, port, protocol) && ingressAllowed(from, to, port, protocol);
  }

  private boolean egressAllowed(Endpoint from, Endpoint to, int port, String protocol) {
    if (!from.inCluster()) return true;
    List<NetworkPolicy> selecting = selecting(from, "Egress");
    return selecting.isEmpty() || selecting.stream().flatMap(p -> p.getSpec().getEgress().stream().map(rule ->
            peers(p, rule.getTo(), to) && ports(rule.getPorts(), port, protocol))).anyMatch(Boolean::booleanValue);
  }

  private boolean ingressAllowed(Endpoint from, Endpoint to, int port, String protocol) {
    if (!to.inCluster()) return true;
    List<NetworkPolicy> selecting = selecting(to, "Ingress");
    return selecting.isEmpty() || selecting.stream().flatMap(p -> p.getSpec().getIngress().stream().map(rule ->
            peers(p, rule.getFrom(), from) && ports(rule.getPorts(), port, protocol))).anyMatch(Boolean::booleanValue);
  }

  private List<NetworkPolicy> selecting(Endpoint pod, String type) {
    return policies.stream().filter(p -> p.getMetadata().getNamespace().equals(pod.namespace())
        && types(p).contains(type) && matches(p.getSpec().getPodSelector(), pod.labels())).toList();
  }

  /** policyTypes defaults to Ingress, plus Egress when the policy has egress rules. */
  private static List<String> types(NetworkPolicy p) {
    if (!p.getSpec().getPolicyTypes().isEmpty()) return p.getSpec().getPolicyTypes();
    return p.getSpec().getEgress().isEmpty() ? List.of("Ingress") : List.of("Ingress", "Egress");
  }

  private static boolean peers(NetworkPolicy p, List<NetworkPolicyPeer> peers, Endpoint other) {
    return peers.isEmpty() || peers.stream().anyMatch(peer -> peer(p, peer, other));
  }

  private static boolean peer(NetworkPolicy p, NetworkPolicyPeer peer, Endpoint other) {
    if (peer.getIpBlock() != null) return inBlock(peer.getIpBlock(), other.ip());
    if (!other.inCluster()) return false;
    boolean namespaceOk = peer.getNamespaceSelector() == null
        ? other.namespace().equals(p.getMetadata().getNamespace())
        : matches(peer.getNamespaceSelector(), other.namespaceLabels());
    return namespaceOk && (peer.getPodSelector() == null || matches(peer.getPodSelector(), other.labels()));
  }

  private static boolean ports(List<NetworkPolicyPort> ports, int port, String protocol) {
    return ports.isEmpty() || ports.stream().anyMatch(p -> {
      if (p.getEndPort() != null || (p.getPort() != null && p.getPort().getStrVal() != null)) {
        throw new IllegalArgumentException("named ports and endPort are not evaluated: " + p);
      }
      String proto = p.getProtocol() == null ? "TCP" : p.getProtocol();
      return proto.equals(protocol) && (p.getPort() == null || p.getPort().getIntVal() == port);
    });
  }

  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) return true;
    boolean ok = selector.getMatchLabels() == null
        || labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
      String value = labels.get(r.getKey());
      ok &= switch (r.getOperator()) {
        case "In" -> value != null && r.getValues().contains(value);
        case "NotIn" -> value == null || !r.getValues().contains(value);
        case "Exists" -> value != null;
        case "DoesNotExist" -> value == null;
        default -> throw new IllegalArgumentException("operator " + r.getOperator());
      };
    }
    return ok;
  }

  static boolean inBlock(IPBlock block, String ip) {
    return inCidr(block.getCidr(), ip) && block.getExcept().stream().noneMatch(e -> inCidr(e, ip));
  }

  private static boolean inCidr(String cidr, String ip) {
    String[] parts = cidr.split("/");
    int bits = Integer.parseInt(parts[1]);
    long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
    return (v4(parts[0]) & mask) == (v4(ip) & mask);
  }

  private static long v4(String ip) {
    long v = 0;
    for (String octet : ip.split("\\.")) v = (v << 8) | Integer.parseInt(octet);
    return v;
  }
}
