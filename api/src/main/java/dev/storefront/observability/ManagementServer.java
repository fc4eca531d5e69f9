package dev.storefront.observability;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * Metrics and probes on their own port, apart from the public API: per-route figures and pool
 * state are for the cluster's scraper and kubelet only, and a scrape never queues behind (or in
 * front of) a customer's request on the API's event loops.
 */
public final class ManagementServer {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;

  private ManagementServer(HttpServer server) {
    this.server = server;
  }

  public static Future<ManagementServer> start(Vertx vertx, int port, MetricsScrape metrics, Health health) {
    Router router = Router.router(vertx);
    router.get("/metrics").handler(rc -> metrics.text()
        .onSuccess(text -> rc.response().putHeader("Content-Type", PROMETHEUS_TEXT).end(text))
        .onFailure(rc::fail));
    router.get("/health/live").handler(health::live);
    router.get("/health/ready").handler(health::ready);
    return vertx.createHttpServer().requestHandler(router).listen(port).map(ManagementServer::new);
  }

  public int port() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return server.close();
  }
}
