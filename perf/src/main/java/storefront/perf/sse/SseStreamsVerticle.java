package storefront.perf.sse;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One lane: an event loop holding {@code count} streams. Deploying it opens them at the lane's
 * share of the connect rate; the deployment completes when every stream has opened or failed.
 */
final class SseStreamsVerticle extends VerticleBase {
  private static final String STREAM_PATH = "/api/v1/inventory/stream";
  private static final long OPEN_TICK_MILLIS = 10;

  private final SseLoadConfig config;
  private final StockPlan plan;
  private final int count;
  private final double streamsPerSecond;
  private final LaneStats stats = new LaneStats();
  private final List<SseStream> opened = new ArrayList<>();
  private final List<HttpClient> clients = new ArrayList<>();

  SseStreamsVerticle(SseLoadConfig config, StockPlan plan, int count, double streamsPerSecond) {
    this.config = config;
    this.plan = plan;
    this.count = count;
    this.streamsPerSecond = streamsPerSecond;
  }

  @Override
  public Future<?> start() {
    List<String> addresses = config.localAddresses().isEmpty()
        ? Collections.singletonList(null) : config.localAddresses();
    for (String address : addresses) {
      clients.add(vertx.createHttpClient(clientOptions(address), poolOptions(addresses.size())));
    }
    return openAll();
  }

  /** The streams' outcome against the changes the server confirmed; run on this lane's loop. */
  Future<LaneTally> tally(boolean[] confirmed) {
    Promise<LaneTally> tally = Promise.promise();
    context.runOnContext(v -> tally.complete(LaneTally.of(count, opened, confirmed, stats)));
    return tally.future();
  }

  /** Closes the streams, which counts each as dropped: take the {@link #tally} before. */
  @Override
  public Future<?> stop() {
    return Future.join(clients.stream().map(HttpClient::close).toList());
  }

  private Future<Void> openAll() {
    Promise<Void> allStarted = Promise.promise();
    List<Future<Void>> streams = new ArrayList<>(count);
    long startNanos = System.nanoTime();
    vertx.setPeriodic(OPEN_TICK_MILLIS, timer -> {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      long due = Math.min(count, 1 + (long) (seconds * streamsPerSecond));
      while (streams.size() < due) {
        streams.add(open(clients.get(streams.size() % clients.size())));
      }
      if (streams.size() == count) {
        vertx.cancelTimer(timer);
        allStarted.complete();
      }
    });
    // A stream that fails is counted, not fatal: the run reports how many the server held.
    return allStarted.future().compose(v -> Future.join(streams)).<Void>mapEmpty().otherwiseEmpty();
  }

  private Future<Void> open(HttpClient client) {
    SseStream stream = new SseStream(plan, stats);
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setAbsoluteURI(config.baseUrl() + STREAM_PATH)
        .putHeader("Accept", "text/event-stream");
    return client.request(request)
        .compose(req -> {
          stream.attach(req);
          return req.send();
        })
        .compose(response -> listen(stream, response))
        .timeout(config.connectTimeoutSeconds(), TimeUnit.SECONDS)
        .onSuccess(v -> {
          stream.markOpen();
          opened.add(stream);
        })
        .onFailure(e -> {
          stats.connectFailed(FailureReason.of(e));
          stream.abandon();
        });
  }

  private Future<Void> listen(SseStream stream, HttpClientResponse response) {
    if (response.statusCode() != 200) {
      return Future.failedFuture("HTTP " + response.statusCode());
    }
    response.handler(stream.parser::feed);
    response.exceptionHandler(e -> stream.lost(FailureReason.of(e)));
    response.endHandler(v -> stream.lost("ended by the server"));
    return stream.opened();
  }

  private HttpClientOptions clientOptions(String localAddress) {
    // A stream is quiet between events (15 s between heartbeats) for the whole run: no idle
    // timeout may close it. One stream per connection (HTTP/1.1, no pipelining).
    return new HttpClientOptions()
        .setKeepAlive(true)
        .setIdleTimeout(0)
        .setPipelining(false)
        .setConnectTimeout((int) TimeUnit.SECONDS.toMillis(config.connectTimeoutSeconds()))
        .setLocalAddress(localAddress);
  }

  private PoolOptions poolOptions(int clientCount) {
    return new PoolOptions().setHttp1MaxSize(count / clientCount + 1);
  }
}
