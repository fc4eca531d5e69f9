package dev.storefront.ops;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Pod Security Standard "restricted" (kubernetes.io/docs/concepts/security/pod-security-standards),
 * plus our own bar: a numeric non-root user, a read-only root filesystem with an emptyDir on /tmp.
 * Returns what a pod spec breaks, so a failure names every problem at once.
 */
final class RestrictedProfile {
  private static final Set<String> VOLUME_TYPES_ALLOWED =
      Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret");

  private RestrictedProfile() {}

  static List<String> violations(String owner, PodSpec pod) {
    List<String> v = new ArrayList<>();
    PodSecurityContext psc = pod.getSecurityContext();
    if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
        || Boolean.TRUE.equals(pod.getHostIPC())) v.add(owner + ": shares a host namespace");
    for (Volume volume : pod.getVolumes()) {
      String type = volumeType(volume);
      if (!VOLUME_TYPES_ALLOWED.contains(type)) v.add(owner + ": volume " + volume.getName() + " is " + type);
    }
    List<Container> containers = new ArrayList<>(pod.getContainers());
    containers.addAll(pod.getInitContainers());
    for (Container c : containers) {
      String who = owner + "/" + c.getName();
      SecurityContext sc = c.getSecurityContext();
      if (sc == null) {
        v.add(who + ": no securityContext");
        continue;
      }
      Boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : psc == null ? null : psc.getRunAsNonRoot();
      if (!Boolean.TRUE.equals(nonRoot)) v.add(who + ": runAsNonRoot is not true");
      Long user = sc.getRunAsUser() != null ? sc.getRunAsUser() : psc == null ? null : psc.getRunAsUser();
      if (user == null || user == 0) v.add(who + ": no numeric non-root runAsUser");
      SeccompProfile seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile()
          : psc == null ? null : psc.getSeccompProfile();
      if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
        v.add(who + ": seccomp profile is not RuntimeDefault");
      }
      if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) v.add(who + ": allowPrivilegeEscalation is not false");
      if (Boolean.TRUE.equals(sc.getPrivileged())) v.add(who + ": privileged");
      Capabilities caps = sc.getCapabilities();
      if (caps == null || !caps.getDrop().contains("ALL")) v.add(who + ": does not drop ALL capabilities");
      if (caps != null && caps.getAdd().stream().anyMatch(a -> !a.equals("NET_BIND_SERVICE"))) {
        v.add(who + ": adds capabilities " + caps.getAdd());
      }
      if (c.getPorts().stream().anyMatch(p -> p.getHostPort() != null)) v.add(who + ": uses a host port");
      if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) v.add(who + ": root filesystem is writable");
      boolean tmp = c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")
          && pod.getVolumes().stream().anyMatch(vol -> vol.getName().equals(m.getName()) && vol.getEmptyDir() != null));
      if (!tmp) v.add(who + ": no emptyDir on /tmp");
    }
    return v;
  }

  private static String volumeType(Volume v) {
    if (v.getConfigMap() != null) return "configMap";
    if (v.getCsi() != null) return "csi";
    if (v.getDownwardAPI() != null) return "downwardAPI";
    if (v.getEmptyDir() != null) return "emptyDir";
    if (v.getEphemeral() != null) return "ephemeral";
    if (v.getPersistentVolumeClaim() != null) return "persistentVolumeClaim";
    if (v.getProjected() != null) return "projected";
    if (v.getSecret() != null) return "secret";
    if (v.getHostPath() != null) return "hostPath";
    return "another type";
  }
}
