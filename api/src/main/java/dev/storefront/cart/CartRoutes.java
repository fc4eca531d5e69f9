package dev.storefront.cart;

import dev.storefront.security.Caller;
import dev.storefront.web.Feature;
import dev.storefront.web.ProblemException;
import dev.storefront.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import java.util.HashSet;
import java.util.Set;

/** The signed-in user's cart; bodies and bounds are checked by the contract first. */
public final class CartRoutes implements Feature {
  private final Pool pool;
  private final CartRepository carts;

  public CartRoutes(Pool pool) {
    this.pool = pool;
    this.carts = new CartRepository(pool);
  }

  @Override
  public void bind(RouterBuilder builder) {
    builder.getRoute("getCart").addHandler(this::get);
    builder.getRoute("replaceCart").addHandler(this::replace);
    builder.getRoute("clearCart").addHandler(this::clear);
    builder.getRoute("putCartItem").addHandler(this::putItem);
    builder.getRoute("removeCartItem").addHandler(this::removeItem);
  }

  private void get(RoutingContext rc) {
    respond(rc, Future.succeededFuture());
  }

  private void putItem(RoutingContext rc) {
    long user = Caller.userId(rc.user());
    long productId = productId(rc);
    int quantity = rc.body().asJsonObject().getInteger("quantity");
    respond(rc, carts.putItem(user, productId, quantity).compose(written -> written ? Future.succeededFuture()
        : carts.productOnSale(productId).compose(onSale -> Future.failedFuture(onSale
            ? new ProblemException(409, "cart-full", "Cart full",
                "A cart holds at most " + CartRepository.MAX_LINES + " different products.")
            : unknownProduct(productId)))));
  }

  private void removeItem(RoutingContext rc) {
    respond(rc, carts.removeItem(Caller.userId(rc.user()), productId(rc)));
  }

  private void replace(RoutingContext rc) {
    long user = Caller.userId(rc.user());
    JsonArray items = rc.body().asJsonObject().getJsonArray("items");
    Long[] ids = new Long[items.size()];
    Integer[] quantities = new Integer[items.size()];
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      JsonObject item = items.getJsonObject(i);
      ids[i] = item.getLong("productId");
      quantities[i] = item.getInteger("quantity");
      if (!seen.add(ids[i])) throw ProblemException.badRequest("product " + ids[i] + " is listed twice");
    }
    respond(rc, pool.withTransaction(tx -> carts.replace(tx, user, ids, quantities).compose(written ->
        written == ids.length ? Future.<Void>succeededFuture()
            : Future.failedFuture(ProblemException.badRequest("the cart names a product that does not exist")))));
  }

  private void clear(RoutingContext rc) {
    carts.clear(Caller.userId(rc.user()))
        .onSuccess(v -> Responses.noStore(rc.response()).setStatusCode(204).end()).onFailure(rc::fail);
  }

  /** Runs the change, then answers with the cart as it now is. */
  private void respond(RoutingContext rc, Future<Void> change) {
    long user = Caller.userId(rc.user());
    change.compose(v -> carts.lines(user))
        .onSuccess(lines -> Responses.privateJson(rc, 200, CartLine.cartJson(lines).toBuffer()))
        .onFailure(rc::fail);
  }

  private static long productId(RoutingContext rc) {
    try {
      long id = Long.parseLong(rc.pathParam("productId"));
      if (id >= 1) return id;
    } catch (NumberFormatException e) {
      // the same answer as any other bad id
    }
    throw ProblemException.badRequest("productId must be a positive integer");
  }

  private static ProblemException unknownProduct(long id) {
    return new ProblemException(404, "unknown-product", "Unknown product", "No product with id " + id);
  }
}
