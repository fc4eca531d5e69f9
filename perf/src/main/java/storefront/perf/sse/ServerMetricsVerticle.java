package storefront.perf.sse;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Scrapes the server's /metrics every second: heap used (the sum of
 * {@code jvm_memory_used_bytes{area="heap"}} over pools) and its own {@code sse_streams_open}.
 */
final class ServerMetricsVerticle extends VerticleBase {
  private static final long PERIOD_MILLIS = 1_000;
  // A loaded server may answer late; a late sample still counts, so scrapes may overlap.
  private static final long TIMEOUT_MILLIS = 5_000;

  private final String metricsUrl;
  private HttpClient client;
  private ServerMetrics metrics = ServerMetrics.NONE;

  ServerMetricsVerticle(String managementUrl) {
    this.metricsUrl = managementUrl + "/metrics";
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT_MILLIS));
    vertx.setPeriodic(0, PERIOD_MILLIS, timer -> scrape());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return client.close();
  }

  /** What was sampled so far; callable from any thread. */
  Future<ServerMetrics> snapshot() {
    Promise<ServerMetrics> snapshot = Promise.promise();
    context.runOnContext(v -> snapshot.complete(metrics));
    return snapshot.future();
  }

  private void scrape() {
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setAbsoluteURI(metricsUrl)
        .setIdleTimeout(TIMEOUT_MILLIS);
    client.request(request)
        .compose(req -> req.send())
        .compose(response -> response.statusCode() == 200
            ? response.body()
            : Future.failedFuture("HTTP " + response.statusCode()))
        .onSuccess(body -> {
          String text = body.toString();
          metrics = metrics.plus(
              PrometheusText.sum(text, "jvm_memory_used_bytes", "area=\"heap\""),
              PrometheusText.sum(text, "sse_streams_open", ""));
        })
        .onFailure(e -> metrics = metrics.failed(FailureReason.of(e)));
  }

  /** Heap and stream gauges seen; -1 where never seen. */
  record ServerMetrics(
      int samples, long heapMaxBytes, long heapLastBytes, long streamsOpenMax, long streamsOpenLast,
      int failures, String lastFailure) {
    static final ServerMetrics NONE = new ServerMetrics(0, -1, -1, -1, -1, 0, "");

    ServerMetrics plus(double heapBytes, double streamsOpen) {
      long heap = Double.isNaN(heapBytes) ? heapLastBytes : (long) heapBytes;
      long streams = Double.isNaN(streamsOpen) ? streamsOpenLast : (long) streamsOpen;
      return new ServerMetrics(samples + 1, Math.max(heapMaxBytes, heap), heap,
          Math.max(streamsOpenMax, streams), streams, failures, lastFailure);
    }

    ServerMetrics failed(String reason) {
      return new ServerMetrics(samples, heapMaxBytes, heapLastBytes, streamsOpenMax,
          streamsOpenLast, failures + 1, reason);
    }
  }
}
