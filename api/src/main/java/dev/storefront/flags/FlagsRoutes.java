package dev.storefront.flags;

import dev.storefront.security.BearerAuth;
import dev.storefront.security.Caller;
import dev.storefront.web.Feature;
import dev.storefront.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/flags}: every flag evaluated for the caller. The rollout subject is the
 * signed-in user (a bearer token, optional here but verified when sent), else the storefront's
 * anonymous {@code X-Visitor-Id}; a caller with neither sees only the flags that are on for everyone.
 */
public final class FlagsRoutes implements Feature {
  public static final String VISITOR_HEADER = "X-Visitor-Id";
  static final Pattern VISITOR_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

  private final FlagsSource source;
  private final JWTAuth accessTokens;

  public FlagsRoutes(FlagsSource source, JWTAuth accessTokens) {
    this.source = source;
    this.accessTokens = accessTokens;
  }

  @Override
  public void bind(RouterBuilder builder) {
    builder.getRoute("getFlags").addHandler(this::flags);
  }

  @Override
  public Future<Void> start() {
    return source.start();
  }

  @Override
  public Future<Void> stop() {
    source.stop();
    return Future.succeededFuture();
  }

  private void flags(RoutingContext rc) {
    BearerAuth.optional(accessTokens, rc)
        .map(user -> user != null ? "user:" + Caller.userId(user) : visitor(rc))
        .onSuccess(subject -> {
          JsonObject flags = new JsonObject();
          source.current().evaluate(subject).forEach(flags::put);
          rc.response().setStatusCode(200)
              .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-store")
              .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
              .end(new JsonObject().put("flags", flags).toBuffer());
        })
        .onFailure(rc::fail);
  }

  /** The visitor subject, or null; the contract validates the header too, this guards the hash input. */
  private static String visitor(RoutingContext rc) {
    var ids = rc.request().headers().getAll(VISITOR_HEADER);
    if (ids.isEmpty()) return null;
    if (ids.size() > 1 || !VISITOR_ID.matcher(ids.get(0)).matches()) {
      throw ProblemException.badRequest(VISITOR_HEADER + ": 8-64 characters of A-Z, a-z, 0-9, '_' or '-'");
    }
    return "visitor:" + ids.get(0);
  }
}
