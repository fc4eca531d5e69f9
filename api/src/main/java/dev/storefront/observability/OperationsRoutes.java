package dev.storefront.observability;

import dev.storefront.web.Feature;
import dev.storefront.web.ProblemException;
import static dev.storefront.web.Responses.body;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** The contract and its docs page; metrics and probes are on the management port ({@link ManagementServer}). */
public final class OperationsRoutes implements Feature {
  private final StaticAssets assets;

  public OperationsRoutes(StaticAssets assets) {
    this.assets = assets;
  }

  @Override
  public void bind(RouterBuilder builder) {
    builder.getRoute("getSchema").addHandler(rc -> body(rc, "application/yaml", assets.contract()));
    builder.getRoute("getDocs").addHandler(rc -> body(rc, "text/html; charset=utf-8", assets.docsPage()));
    builder.getRoute("getDocsAsset").addHandler(this::docsAsset);
  }

  private void docsAsset(RoutingContext rc) {
    Buffer file = assets.docsAsset(rc.pathParam("file"));
    if (file == null) {
      rc.fail(ProblemException.notFound("No such file"));
      return;
    }
    rc.response().putHeader("Cache-Control", "public, max-age=86400");
    body(rc, "application/javascript", file);
  }
}
