package dev.storefront.order;

import dev.storefront.security.Caller;
import dev.storefront.web.Feature;
import dev.storefront.web.ProblemException;
import dev.storefront.web.Responses;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;

/** Checkout and the caller's orders; another user's order answers 404 like a missing one. */
public final class OrderRoutes implements Feature {
  private static final java.util.Set<String> STATUSES =
      java.util.Set.of("awaiting_payment", "paid", "cancelled", "refunded", "refund_required");
  private final Pool pool;
  private final CheckoutService checkout;

  public OrderRoutes(Pool pool, CheckoutService checkout) {
    this.pool = pool;
    this.checkout = checkout;
  }

  @Override
  public void bind(RouterBuilder builder) {
    builder.getRoute("checkout").addHandler(this::checkout);
    builder.getRoute("listOrders").addHandler(this::list);
    builder.getRoute("getOrder").addHandler(this::get);
    builder.getRoute("listAdminOrders").addHandler(Caller::requireAdmin).addHandler(this::listAll);
  }

  private void checkout(RoutingContext rc) {
    String key = IdempotencyKeys.validated(rc.request().getHeader("Idempotency-Key"));
    var address = ShippingAddress.validated(rc.body().asJsonObject().getJsonObject("shippingAddress"));
    checkout.checkout(Caller.userId(rc.user()), key, rc.body().buffer(), address).onSuccess(reply -> {
      if (reply.replayed()) rc.response().putHeader("Idempotent-Replayed", "true");
      Responses.privateJson(rc, reply.status(), reply.body());
    }).onFailure(rc::fail);
  }

  private void list(RoutingContext rc) {
    OrderRepository.listOfUser(pool, Caller.userId(rc.user()), before(rc), limit(rc))
        .onSuccess(rows -> Responses.privateJson(rc, 200, OrderJson.page(rows).toBuffer())).onFailure(rc::fail);
  }

  private void listAll(RoutingContext rc) {
    String status = rc.queryParams().get("status");
    if (status != null && !STATUSES.contains(status)) throw ProblemException.badRequest("unknown status " + status);
    OrderRepository.list(pool, status, before(rc), limit(rc))
        .onSuccess(rows -> Responses.privateJson(rc, 200, OrderJson.page(rows).toBuffer())).onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    long id = positive(rc.pathParam("id"), "id");
    OrderRepository.ofUser(pool, id, Caller.userId(rc.user()))
        .compose(row -> row == null ? Future.failedFuture(ProblemException.notFound("No order with id " + id))
            : Future.succeededFuture(row))
        .onSuccess(row -> Responses.privateJson(rc, 200, OrderJson.of(row).toBuffer())).onFailure(rc::fail);
  }

  /** Keyset paging: orders with an id below {@code before}, newest first. */
  static long before(RoutingContext rc) {
    String raw = rc.queryParams().get("before");
    return raw == null ? Long.MAX_VALUE : positive(raw, "before");
  }

  static int limit(RoutingContext rc) {
    String raw = rc.queryParams().get("limit");
    long limit = raw == null ? 20 : positive(raw, "limit");
    if (limit > 100) throw ProblemException.badRequest("limit must be at most 100");
    return (int) limit;
  }

  static long positive(String raw, String name) {
    try {
      long v = Long.parseLong(raw);
      if (v >= 1) return v;
    } catch (NumberFormatException e) {
      // the same answer as any other bad value
    }
    throw ProblemException.badRequest(name + " must be a positive integer");
  }
}
