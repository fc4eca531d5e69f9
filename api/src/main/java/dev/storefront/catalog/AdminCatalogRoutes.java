package dev.storefront.catalog;

import dev.storefront.security.Caller;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.math.BigDecimal;
import dev.storefront.web.Feature;
import dev.storefront.web.ProblemException;
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
    Integer priceCents = body.containsKey("price") ? cents(body.getValue("price").toString()) : null;
    writes.update(id, body.getString("name"), body.getString("description"), priceCents)
        .onSuccess(product -> Responses.privateJson(rc, 200, product))
        .onFailure(rc::fail);
  }

  /** Whole cents only: 12.345 or 0.001 are refused rather than rounded. */
  private static int cents(String price) {
    BigDecimal value = new BigDecimal(price);
    if (value.stripTrailingZeros().scale() > 2 || value.compareTo(new BigDecimal("0.01")) < 0) {
      throw ProblemException.badRequest("price must be at least 0.01 with at most two decimals");
    }
    return value.movePointRight(2).intValueExact();
  }

}
