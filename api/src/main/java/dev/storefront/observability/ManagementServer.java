package dev.storefront.observability;

import dev.storefront.web.Problems;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metrics and probes on their own port, apart from the public API: per-route figures and pool
 * state are for the cluster's scraper and kubelet only, and a scrape never queues behind (or in
 * front of) a customer's request on the API's event loops. Every path answers HEAD as GET (Vert.x
 * leaves the body out), and errors are problem documents like the public port's.
 */
public final class ManagementServer {
  private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;

  private ManagementServer(HttpServer server) {
    this.server = server;
  }

  public static Future<ManagementServer> start(Vertx vertx, int port, MetricsScrape metrics, Health health) {
    Router router = Router.router(vertx);
    read(router, "/metrics", rc -> metrics.text()
        .onSuccess(text -> rc.response().putHeader("Content-Type", PROMETHEUS_TEXT).end(text))
        .onFailure(rc::fail));
    read(router, "/health/live", health::live);
    read(router, "/health/ready", health::ready);
    for (int status : new int[] {404, 405, 500}) router.errorHandler(status, rc -> problem(rc, status));
    return vertx.createHttpServer().requestHandler(router).listen(port).map(ManagementServer::new);
  }

  private static void read(Router router, String path, Handler<RoutingContext> handler) {
    router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(handler);
  }

  private static void problem(RoutingContext rc, int status) {
    String detail = null;
    if (status == 404) detail = "No such resource.";
    if (status == 405) {
      rc.response().putHeader("Allow", "GET, HEAD");
      detail = "This path does not support that method.";
    }
    if (status == 500) LOG.error("{} {} failed on the management port", rc.request().method(), rc.request().path(),
        rc.failure());
    Problems.send(rc.response(), status, Problems.type(status), Problems.title(status), detail,
        Problems.instanceOf(rc.request().path()), null);
  }

  public int port() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return server.close();
  }
}
