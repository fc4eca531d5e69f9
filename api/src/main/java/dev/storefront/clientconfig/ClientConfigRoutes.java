package dev.storefront.clientconfig;

import dev.storefront.config.AppConfig;
import dev.storefront.config.StorefrontSettings;
import dev.storefront.web.Feature;
import dev.storefront.web.Responses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * {@code GET /api/v1/client-config}: what the storefront's browser code needs from the settings.
 * The release and environment are the API's own, so browser errors and server errors line up in
 * Sentry; the DSN is the browser one, reached through the tunnel at {@code /api/v1/errors}.
 */
public final class ClientConfigRoutes implements Feature {
  public static final String TUNNEL_PATH = "/api/v1/errors";
  private final Buffer body;

  public ClientConfigRoutes(AppConfig config) {
    this.body = body(config).toBuffer();
  }

  static JsonObject body(AppConfig config) {
    StorefrontSettings s = config.storefront();
    return new JsonObject()
        .put("release", config.release())
        .put("environment", config.environment())
        .put("sentry", new JsonObject().put("dsn", s.sentryBrowserDsnText()).put("tunnel", TUNNEL_PATH))
        .put("paymentPageUrl", s.paymentPageUrl())
        .put("flagsRefreshSeconds", s.flagsClientRefreshSeconds());
  }

  @Override
  public void bind(RouterBuilder builder) {
    builder.getRoute("getClientConfig").addHandler(rc -> Responses.privateJson(rc, 200, body));
  }
}
