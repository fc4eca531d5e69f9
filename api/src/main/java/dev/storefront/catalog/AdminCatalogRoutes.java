package dev.storefront.catalog;

import dev.storefront.auth.AuthRoutes;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Operator writes to products and stock; bodies are validated against the contract first. */
public final class AdminCatalogRoutes {
  private final ProductWriteService writes;

  public AdminCatalogRoutes(ProductWriteService writes) {
    this.writes = writes;
  }

  public void bind(RouterBuilder builder) {
    builder.getRoute("setProductStock").addHandler(AuthRoutes::requireAdmin).addHandler(this::setStock);
    builder.getRoute("updateProduct").addHandler(AuthRoutes::requireAdmin).addHandler(this::update);
  }

  private void setStock(RoutingContext rc) {
    long id = CatalogRoutes.productId(rc.pathParam("id"));
    int stock = rc.body().asJsonObject().getInteger("stock");
    writes.setStock(id, stock).onSuccess(body -> noStore(rc).end(body)).onFailure(rc::fail);
  }

  private void update(RoutingContext rc) {
    long id = CatalogRoutes.productId(rc.pathParam("id"));
    JsonObject body = rc.body().asJsonObject();
    Integer priceCents = body.containsKey("price")
        ? new BigDecimal(body.getValue("price").toString()).setScale(2, RoundingMode.HALF_UP).movePointRight(2).intValueExact()
        : null;
    writes.update(id, body.getString("name"), body.getString("description"), priceCents)
        .onSuccess(product -> noStore(rc).end(product))
        .onFailure(rc::fail);
  }

  private static io.vertx.core.http.HttpServerResponse noStore(RoutingContext rc) {
    return rc.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store");
  }
}
