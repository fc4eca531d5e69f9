package dev.storefront.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * What the reference storefront and its browser code are given: the feature-flag sources and
 * reload period, the browser Sentry DSN its error tunnel forwards to, and the payment page.
 */
public record StorefrontSettings(
    String flagsFile,
    String flagsJson,
    int flagsReloadMs,
    int flagsClientRefreshSeconds,
    SentryDsn sentryBrowserDsn,
    String paymentPageUrl,
    int errorTunnelPerMinute,
    int errorTunnelTimeoutMs) {

  static StorefrontSettings from(Env env) {
    String dsn = env.optional("SENTRY_BROWSER_DSN");
    SentryDsn parsed = null;
    if (dsn != null) {
      try {
        parsed = SentryDsn.parse(dsn);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("SENTRY_BROWSER_DSN", e.getMessage());
      }
    }
    return new StorefrontSettings(
        env.optional("FLAGS_FILE"),
        env.optional("FLAGS"),
        env.integer("FLAGS_RELOAD_MS", 2000, 100, 600_000),
        env.integer("FLAGS_CLIENT_REFRESH_SECONDS", 30, 1, 86_400),
        parsed,
        paymentPage(env.optional("PAYMENT_PAGE_URL")),
        env.integer("ERROR_TUNNEL_RATE_LIMIT_PER_MINUTE", 60, 1, 100_000),
        env.integer("ERROR_TUNNEL_TIMEOUT_MS", 5000, 100, 60_000));
  }

  /** The DSN as the browser SDK is given it, or null. */
  public String sentryBrowserDsnText() {
    return sentryBrowserDsn == null ? null : sentryBrowserDsn.scheme() + "://" + sentryBrowserDsn.publicKey() + "@"
        + sentryBrowserDsn.authority() + sentryBrowserDsn.pathPrefix() + "/" + sentryBrowserDsn.projectId();
  }

  private static String paymentPage(String url) {
    if (url == null) return null;
    try {
      URI uri = new URI(url);
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null
          || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new ConfigException("PAYMENT_PAGE_URL", "must be an http(s) URL without query or fragment");
      }
      return url;
    } catch (URISyntaxException e) {
      throw new ConfigException("PAYMENT_PAGE_URL", "not a URL (" + e.getReason() + ")");
    }
  }
}
