package dev.storefront.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the hot catalog reads to this instance's own port before it reports ready, so that the
 * JIT has compiled the request path before real traffic arrives: a cold JVM answering 2,000 req/s
 * on two cores spends its first seconds interpreting, with response times of a second. The caches
 * are warm already, so this costs the database nothing. Bounded in requests and in time; it never
 * fails the start.
 */
public final class HttpWarmup {
  private static final Logger LOG = LoggerFactory.getLogger(HttpWarmup.class);
  private static final int CONCURRENCY = 32;
  private static final String[] SORTS = {"popularity", "price_asc", "price_desc", "newest", "name"};

  private HttpWarmup() {}

  /** Completes (never fails) after {@code requests} requests or {@code deadlineMs}, whichever is first. */
  public static Future<Void> run(Vertx vertx, int port, int requests, long deadlineMs) {
    if (requests <= 0) return Future.succeededFuture();
    long start = System.nanoTime();
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(port).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(CONCURRENCY));
    AtomicInteger sent = new AtomicInteger();
    // Set before the client closes: an answer arriving after that sends nothing more.
    AtomicBoolean over = new AtomicBoolean();
    return productIds(client).compose(ids -> {
      List<Future<Void>> workers = new ArrayList<>();
      for (int i = 0; i < CONCURRENCY; i++) workers.add(worker(client, ids, sent, requests, over));
      return Future.join(workers).<Void>mapEmpty();
    }).timeout(deadlineMs, TimeUnit.MILLISECONDS)
        .onSuccess(v -> LOG.info("request path warmed with {} requests in {} ms", Math.min(sent.get(), requests),
            (System.nanoTime() - start) / 1_000_000))
        .onFailure(e -> LOG.warn("request path warm-up incomplete after {} requests: {}", sent.get(), e.toString()))
        .otherwiseEmpty()
        .eventually(() -> {
          over.set(true);
          return client.close();
        });
  }

  /** Ids of listed products, from the first listing page (the caches hold it already). */
  private static Future<List<Long>> productIds(HttpClient client) {
    return get(client, "/api/v1/products?page=1&size=100").map(body -> {
      List<Long> ids = new ArrayList<>();
      JsonArray items = new JsonObject(body).getJsonArray("items", new JsonArray());
      for (int i = 0; i < items.size(); i++) ids.add(items.getJsonObject(i).getLong("id"));
      return ids;
    });
  }

  /** One connection's loop: each answer sends the next request (callbacks, not a chain of futures). */
  private static Future<Void> worker(HttpClient client, List<Long> ids, AtomicInteger sent, int requests,
      AtomicBoolean over) {
    Promise<Void> done = Promise.promise();
    sendNext(client, ids, sent, requests, over, done);
    return done.future();
  }

  private static void sendNext(HttpClient client, List<Long> ids, AtomicInteger sent, int requests, AtomicBoolean over,
      Promise<Void> done) {
    if (over.get()) {
      done.tryComplete();
      return;
    }
    int n = sent.getAndIncrement();
    if (n >= requests) {
      done.tryComplete();
      return;
    }
    // Plain, gzip and revalidation (304) answers each get their share, as clients send all three.
    String header = n % 4 == 2 ? "Accept-Encoding" : n % 4 == 3 ? "If-None-Match" : null;
    get(client, uriOf(n, ids), header, n % 4 == 2 ? "gzip" : "*")
        .onComplete(ar -> sendNext(client, ids, sent, requests, over, done));
  }

  /** PDPs mostly, listings and the category tree in between, like the storefront. */
  private static String uriOf(int n, List<Long> ids) {
    if (n % 4 == 1) {
      return "/api/v1/products?category=" + (1 + n % 50) + "&sort=" + SORTS[n % SORTS.length] + "&page=" + (1 + n % 5)
          + "&size=20";
    }
    if (n % 50 == 7 || ids.isEmpty()) return "/api/v1/categories";
    return "/api/v1/products/" + ids.get(n % ids.size());
  }

  private static Future<Buffer> get(HttpClient client, String uri) {
    return get(client, uri, null, null);
  }

  private static Future<Buffer> get(HttpClient client, String uri, String header, String value) {
    return client.request(HttpMethod.GET, uri)
        .compose(request -> {
          request.putHeader("Accept", "application/json");
          if (header != null) request.putHeader(header, value);
          return request.send();
        })
        .compose(response -> response.body());
  }
}
