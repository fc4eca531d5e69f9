package dev.storefront.catalog;

import dev.storefront.web.Feature;
import dev.storefront.web.ProblemException;
import static dev.storefront.web.Responses.json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * Public catalog reads. Their parameters are checked by {@link ProductListQuery} and
 * {@link #productId} rather than the generic validator: on the hottest routes it costs a third of
 * the throughput (docs/performance.md), and the bounds here mirror openapi.yaml.
 */
public final class CatalogRoutes implements Feature {
  private final CatalogService catalog;

  public CatalogRoutes(CatalogService catalog) {
    this.catalog = catalog;
  }

  @Override
  public void bind(RouterBuilder builder) {
    builder.getRoute("listProducts").setDoValidation(false).addHandler(this::listProducts);
    builder.getRoute("getProduct").setDoValidation(false).addHandler(this::getProduct);
    builder.getRoute("listCategories").addHandler(this::listCategories);
  }

  private void listProducts(RoutingContext rc) {
    ProductListQuery query = ProductListQuery.parse(rc.queryParams());
    catalog.list(query).onSuccess(body -> json(rc, body)).onFailure(rc::fail);
  }

  private void getProduct(RoutingContext rc) {
    long id = productId(rc.pathParam("id"));
    catalog.product(id).onSuccess(body -> {
      if (body.length() == 0) rc.fail(ProblemException.notFound("No product with id " + id));
      else json(rc, body);
    }).onFailure(rc::fail);
  }

  private void listCategories(RoutingContext rc) {
    catalog.categoryTree().onSuccess(body -> json(rc, body)).onFailure(rc::fail);
  }

  public static long productId(String raw) {
    try {
      long id = Long.parseLong(raw);
      if (id >= 1) return id;
    } catch (NumberFormatException | NullPointerException e) {
      // falls through to the same answer as any other bad id
    }
    throw ProblemException.badRequest("id must be a positive integer");
  }


}
