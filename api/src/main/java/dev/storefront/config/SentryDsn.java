package dev.storefront.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A Sentry DSN, {@code scheme://publicKey@host[:port][/prefix]/projectId}, and the ingest endpoint
 * it names: {@code scheme://host[:port][/prefix]/api/projectId/envelope/}.
 */
public record SentryDsn(String scheme, String publicKey, String host, int port, String pathPrefix, String projectId) {

  /** The DSN in {@code raw}; {@link IllegalArgumentException} naming what is wrong. */
  public static SentryDsn parse(String raw) {
    URI uri;
    try {
      uri = new URI(raw.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) throw new IllegalArgumentException("must be http(s)");
    if (uri.getHost() == null) throw new IllegalArgumentException("has no host");
    String key = uri.getRawUserInfo();
    if (key == null || key.isEmpty()) throw new IllegalArgumentException("has no public key");
    if (key.contains(":")) key = key.substring(0, key.indexOf(':'));
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    int slash = path.lastIndexOf('/');
    String project = slash < 0 ? "" : path.substring(slash + 1);
    if (!project.matches("[0-9]{1,20}")) throw new IllegalArgumentException("must end in a numeric project id");
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("must have no query or fragment");
    }
    return new SentryDsn(scheme, key, uri.getHost().toLowerCase(java.util.Locale.ROOT), uri.getPort(),
        path.substring(0, slash), project);
  }

  /** Host and explicit port as written ({@code host} or {@code host:port}). */
  public String authority() {
    return port < 0 ? host : host + ":" + port;
  }

  /** Same Sentry project: host, port and project id equal (the key may differ between clients). */
  public boolean sameProject(SentryDsn other) {
    return host.equals(other.host) && effectivePort() == other.effectivePort() && projectId.equals(other.projectId)
        && pathPrefix.equals(other.pathPrefix);
  }

  private int effectivePort() {
    return port >= 0 ? port : scheme.equals("https") ? 443 : 80;
  }

  public String envelopeUrl() {
    return scheme + "://" + authority() + pathPrefix + "/api/" + projectId + "/envelope/";
  }
}
