package dev.storefront.http;

import dev.storefront.observability.AccessLog;
import dev.storefront.observability.HttpMetrics;
import dev.storefront.observability.SentryReporter;
import dev.storefront.security.AuthRateLimit;
import dev.storefront.security.BearerAuth;
import dev.storefront.web.Feature;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.List;
import java.util.stream.Collectors;

/** The one place the router is assembled: contract-bound routes, then the failure handler. */
public final class ApiRouter {
  /** What the router needs from the process-wide wiring: the request pipeline and the features. */
  public record Parts(OpenAPIContract contract, int bodyLimitBytes, AccessLog accessLog, HttpMetrics httpMetrics,
      SentryReporter sentry, JWTAuth bearerTokens, List<String> corsOrigins,
      AuthRateLimit authRateLimit, List<Feature> features, FastPathParts fastPath) {}

  /** What the catalog fast path serves from; null turns it off ({@code HTTP_FAST_PATH=false}). */
  public record FastPathParts(dev.storefront.catalog.CatalogService catalog, dev.storefront.web.CachedResponses responses) {}

  private ApiRouter() {}

  public static Router create(Vertx vertx, Parts parts) {
    RouterBuilder builder = RouterBuilder.create(vertx, parts.contract(), new LiteralStrings(RequestExtractor.withBodyHandler()));
    builder.rootHandler(new RequestContextHandler(parts.httpMetrics(), parts.accessLog()));
    if (!parts.corsOrigins().isEmpty()) builder.rootHandler(new Cors(parts.corsOrigins()));
    builder.rootHandler(new SecurityHeaders());
    builder.rootHandler(new SingleHeaderValues());
    builder.rootHandler(new BodyWhenPresent(parts.bodyLimitBytes()));
    builder.rootHandler(new RequestMediaType(parts.contract()));
    builder.rootHandler(new TextInputGuard(parts.contract()));
    builder.rootHandler(new SingleQueryValues(parts.contract()));
    builder.rootHandler(parts.authRateLimit());
    builder.security("bearerAuth").httpHandler(new BearerAuth(parts.bearerTokens()));
    for (Feature feature : parts.features()) feature.bind(builder);
    requireEveryOperationBound(builder);

    Router router = builder.createRouter();
    FailureHandler failures = new FailureHandler(
        new RouteTemplates(parts.contract(), !parts.corsOrigins().isEmpty()), parts.sentry());
    router.route().failureHandler(failures);
    for (int status : new int[] {404, 405, 413, 500}) router.errorHandler(status, failures);
    return router;
  }

  /** Fails start-up when the contract has an operation no feature handles. */
  static void requireEveryOperationBound(RouterBuilder builder) {
    List<String> unbound = builder.getRoutes().stream()
        .filter(r -> r.getHandlers().isEmpty())
        .map(r -> r.getOperation().getOperationId())
        .collect(Collectors.toList());
    if (!unbound.isEmpty()) throw new IllegalStateException("operations without a handler: " + unbound);
  }
}
