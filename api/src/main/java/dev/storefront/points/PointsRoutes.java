package dev.storefront.points;

import dev.storefront.security.Caller;
import dev.storefront.web.Feature;
import dev.storefront.web.ProblemException;
import dev.storefront.web.Responses;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** The signed-in user's points ledger, newest first. */
public final class PointsRoutes implements Feature {
  private final Points points;

  public PointsRoutes(Points points) {
    this.points = points;
  }

  @Override
  public void bind(RouterBuilder builder) {
    builder.getRoute("getMyPoints").addHandler(this::ledger);
  }

  private void ledger(RoutingContext rc) {
    String before = rc.queryParams().get("before");
    String limit = rc.queryParams().get("limit");
    points.ledger(Caller.userId(rc.user()), before == null ? Long.MAX_VALUE : positive(before),
            limit == null ? 20 : (int) Math.min(100, positive(limit)))
        .onSuccess(body -> Responses.privateJson(rc, 200, body.toBuffer())).onFailure(rc::fail);
  }

  private static long positive(String raw) {
    try {
      long v = Long.parseLong(raw);
      if (v >= 1) return v;
    } catch (NumberFormatException e) {
      // the same answer as any other bad value
    }
    throw ProblemException.badRequest("before and limit must be positive integers");
  }
}
