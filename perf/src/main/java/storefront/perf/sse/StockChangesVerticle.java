package storefront.perf.sse;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Makes the planned stock changes through the admin API at {@code changesPerSecond}, signed in as
 * the admin. Deploying it signs in, so a wrong password stops the run before the changes phase.
 */
final class StockChangesVerticle extends VerticleBase {
  private static final long TICK_MILLIS = 10;
  private static final long REQUEST_TIMEOUT_MILLIS = 10_000;

  private final SseLoadConfig config;
  private final StockPlan plan;
  private final boolean[] confirmed;
  private final Map<String, Integer> failures = new TreeMap<>();
  private HttpClient client;
  private Future<String> token;
  private long refreshAtNanos;

  StockChangesVerticle(SseLoadConfig config, StockPlan plan) {
    this.config = config;
    this.plan = plan;
    this.confirmed = new boolean[plan.size()];
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(
        new HttpClientOptions().setConnectTimeout((int) REQUEST_TIMEOUT_MILLIS),
        new PoolOptions().setHttp1MaxSize(16));
    return token();
  }

  @Override
  public Future<?> stop() {
    return client.close();
  }

  /** Sends every planned change and completes when all are answered; callable from any thread. */
  Future<ChangeOutcome> sendAll() {
    Promise<ChangeOutcome> outcome = Promise.promise();
    context.runOnContext(v -> sendAtRate().onComplete(outcome));
    return outcome.future();
  }

  private Future<ChangeOutcome> sendAtRate() {
    Promise<Void> allSent = Promise.promise();
    List<Future<Void>> sent = new ArrayList<>(plan.size());
    long startNanos = System.nanoTime();
    vertx.setPeriodic(TICK_MILLIS, timer -> {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      long due = Math.min(plan.size(), 1 + (long) (seconds * config.changesPerSecond()));
      while (sent.size() < due) {
        sent.add(change(sent.size()));
      }
      if (sent.size() == plan.size()) {
        vertx.cancelTimer(timer);
        allSent.complete();
      }
    });
    return allSent.future()
        .compose(v -> Future.join(sent))
        .transform(done -> Future.succeededFuture(
            new ChangeOutcome(confirmed.clone(), new TreeMap<>(failures))));
  }

  private Future<Void> change(int change) {
    String uri = config.baseUrl() + "/api/v1/admin/products/" + plan.productId(change) + "/stock";
    Buffer body = new JsonObject().put("stock", plan.stock(change)).toBuffer();
    return token()
        .compose(accessToken -> send(HttpMethod.PUT, uri, body, accessToken))
        .<Void>mapEmpty()
        .onSuccess(v -> confirmed[change] = true)
        .onFailure(e -> failures.merge(FailureReason.of(e), 1, Integer::sum));
  }

  /** A current access token: signs in again halfway through the token's lifetime. */
  private Future<String> token() {
    boolean stale = token == null || token.failed()
        || (token.succeeded() && System.nanoTime() - refreshAtNanos >= 0);
    if (stale) {
      JsonObject credentials = new JsonObject()
          .put("email", config.adminEmail())
          .put("password", config.adminPassword());
      token = send(HttpMethod.POST, config.baseUrl() + "/api/v1/auth/login", credentials.toBuffer(), null)
          .map(Buffer::toJsonObject)
          .map(pair -> {
            long lifetime = TimeUnit.SECONDS.toNanos(pair.getLong("expiresIn", 60L));
            refreshAtNanos = System.nanoTime() + lifetime / 2;
            return pair.getString("accessToken");
          })
          .recover(e -> Future.failedFuture("admin sign-in failed: " + FailureReason.of(e)));
    }
    return token;
  }

  private Future<Buffer> send(HttpMethod method, String uri, Buffer body, String accessToken) {
    RequestOptions options = new RequestOptions()
        .setMethod(method)
        .setAbsoluteURI(uri)
        .setIdleTimeout(REQUEST_TIMEOUT_MILLIS)
        .putHeader("Content-Type", "application/json");
    if (accessToken != null) {
      options.putHeader("Authorization", "Bearer " + accessToken);
    }
    return client.request(options)
        .compose(request -> request.send(body))
        .compose(response -> response.body().compose(answer -> response.statusCode() == 200
            ? Future.succeededFuture(answer)
            : Future.failedFuture("HTTP " + response.statusCode())));
  }

  /** Which planned changes the server confirmed with a 200, and why the others failed. */
  record ChangeOutcome(boolean[] confirmed, Map<String, Integer> failures) {
    int confirmedCount() {
      int count = 0;
      for (boolean c : confirmed) {
        count += c ? 1 : 0;
      }
      return count;
    }
  }
}
