package dev.storefront.catalog;

import dev.storefront.cache.CachedBody;
import dev.storefront.web.CachedResponses;
import dev.storefront.web.Feature;
import dev.storefront.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * Public catalog reads. Their parameters are checked by {@link ProductListQuery} and
 * {@link #productId} rather than the generic validator: on the hottest routes it costs a third of
 * the throughput (docs/performance.md), and the bounds here mirror openapi.yaml.
 */
public final class CatalogRoutes implements Feature {
  private final CatalogService catalog;
  private final CachedResponses responses;

  public CatalogRoutes(CatalogService catalog, CachedResponses responses) {
    this.catalog = catalog;
    this.responses = responses;
  }

  @Override
  public void bind(RouterBuilder builder) {
    builder.getRoute("listProducts").setDoValidation(false).addHandler(this::listProducts);
    builder.getRoute("getProduct").setDoValidation(false).addHandler(this::getProduct);
    builder.getRoute("listCategories").addHandler(this::listCategories);
    builder.getRoute("listProductFacets").addHandler(rc ->
        catalog.facets(ProductListQuery.parse(rc.queryParams())).onSuccess(body -> responses.send(rc, body))
            .onFailure(rc::fail));
    builder.getRoute("getProductBySku").addHandler(rc -> {
      String sku = rc.pathParam("sku");
      pdp(rc, catalog.productBySku(sku), "No product with SKU " + sku);
    });
    builder.getRoute("getProductBySlug").addHandler(rc -> {
      String slug = rc.pathParam("slug");
      pdp(rc, catalog.productBySlug(slug), "No product with slug " + slug);
    });
  }

  private void listProducts(RoutingContext rc) {
    ProductListQuery query = ProductListQuery.parse(rc.queryParams());
    catalog.list(query).onSuccess(body -> responses.send(rc, body)).onFailure(rc::fail);
  }

  private void getProduct(RoutingContext rc) {
    long id = productId(rc.pathParam("id"));
    pdp(rc, catalog.product(id), "No product with id " + id);
  }

  private void pdp(RoutingContext rc, Future<CachedBody> product, String notFound) {
    product.onSuccess(body -> {
      if (body.isEmpty()) rc.fail(ProblemException.notFound(notFound));
      else responses.send(rc, body);
    }).onFailure(rc::fail);
  }

  private void listCategories(RoutingContext rc) {
    catalog.categoryTree().onSuccess(body -> responses.send(rc, body)).onFailure(rc::fail);
  }

  public static long productId(String raw) {
    // ASCII digits only (ProductListQuery.isInteger): Long.parseLong also takes a '+' and other
    // scripts' digits, each one more spelling of the same public, cacheable URL.
    if (raw != null && ProductListQuery.isInteger(raw)) {
      try {
        long id = Long.parseLong(raw);
        if (id >= 1) return id;
      } catch (NumberFormatException tooLarge) {
        // falls through to the same answer as any other bad id
      }
    }
    throw ProblemException.badRequest("id must be a positive integer");
  }
}
