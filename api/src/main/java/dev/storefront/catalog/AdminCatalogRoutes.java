package dev.storefront.catalog;

import dev.storefront.security.Caller;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import dev.storefront.web.Feature;
import dev.storefront.web.Responses;

/** Operator writes to products and stock; bodies are validated against the contract first. */
public final class AdminCatalogRoutes implements Feature {
  private final ProductWriteService writes;

  public AdminCatalogRoutes(ProductWriteService writes) {
    this.writes = writes;
  }

  @Override
  public void bind(RouterBuilder builder) {
    builder.getRoute("setProductStock").addHandler(Caller::requireAdmin).addHandler(this::setStock);
    builder.getRoute("updateProduct").addHandler(Caller::requireAdmin).addHandler(this::update);
  }

  private void setStock(RoutingContext rc) {
    long id = CatalogRoutes.productId(rc.pathParam("id"));
    int stock = rc.body().asJsonObject().getInteger("stock");
    writes.setStock(id, stock).onSuccess(body -> Responses.privateJson(rc, 200, body)).onFailure(rc::fail);
  }

  private void update(RoutingContext rc) {
    long id = CatalogRoutes.productId(rc.pathParam("id"));
    JsonObject body = rc.body().asJsonObject();
    // The validator saw the price as a double; the exact check reads the number as written.
    Integer priceCents = body.containsKey("price") ? Prices.fromJson(rc.body().buffer().getBytes(), "price") : null;
    ProductEdit edit = new ProductEdit(body.getString("name"), body.getString("description"), priceCents,
        body.getBoolean("active"));
    writes.update(id, edit)
        .onSuccess(product -> Responses.privateJson(rc, 200, product))
        .onFailure(rc::fail);
  }
}
