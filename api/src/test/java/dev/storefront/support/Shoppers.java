package dev.storefront.support;

import dev.storefront.auth.AccessTokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Customer accounts made straight in the database with access tokens signed by the test key: the
 * concurrency tests need hundreds, and signing up through the API pays for an Argon2id hash each.
 */
public final class Shoppers implements AutoCloseable {
  private static final AtomicInteger BATCH = new AtomicInteger();
  private final TestApp t;
  private final Sql sql;
  private final AccessTokens tokens;
  private io.vertx.core.Vertx wideVertx;
  private io.vertx.ext.web.client.WebClient wide;

  public record Shopper(long id, String token) {}

  public Shoppers(TestApp t) {
    this.t = t;
    this.sql = new Sql(t.config);
    this.tokens = new AccessTokens(t.app.vertx(), t.config.auth());
  }

  public Shopper one() {
    return create(1).get(0);
  }

  public List<Shopper> create(int n) {
    String prefix = "shopper-" + BATCH.incrementAndGet() + "-" + System.nanoTime() + "-";
    List<Long> ids = sql.longs("INSERT INTO users (email, password_hash) SELECT ? || g || '@example.test', "
        + "'no-password' FROM generate_series(1, ?) g RETURNING id", prefix, n);
    List<Shopper> shoppers = new ArrayList<>(n);
    for (long id : ids) shoppers.add(new Shopper(id, tokens.issue(id, "customer", java.util.UUID.randomUUID())));
    return shoppers;
  }

  public HttpResponse<Buffer> send(Shopper s, HttpMethod method, String uri, JsonObject body) {
    return t.send(method, uri, body == null ? Buffer.buffer() : body.toBuffer(), s.token());
  }

  /** An address that passes validation. */
  public static JsonObject address() {
    return new JsonObject().put("name", "Ada Lovelace").put("line1", "12 St James's Square").put("city", "London")
        .put("postalCode", "SW1Y 4JH").put("country", "GB");
  }

  /** Starts a checkout without waiting (for concurrency tests); check the answer with {@link #checked}. */
  public io.vertx.core.Future<HttpResponse<Buffer>> checkoutAsync(Shopper s, String key, Buffer body) {
    var request = client().post("/api/v1/checkout").putHeader("Content-Type", "application/json")
        .putHeader("Authorization", "Bearer " + s.token());
    if (key != null) request.putHeader("Idempotency-Key", key);
    return request.sendBuffer(body);
  }

  /** Puts a cart line without waiting (for concurrency tests). */
  public io.vertx.core.Future<HttpResponse<Buffer>> putItemAsync(Shopper s, long productId, int quantity) {
    return client().put("/api/v1/cart/items/" + productId).putHeader("Authorization", "Bearer " + s.token())
        .sendJsonObject(new JsonObject().put("quantity", quantity));
  }

  /** The test client by default; one with a connection per concurrent request once {@link #concurrent} is set. */
  private io.vertx.ext.web.client.WebClient client() {
    return wide != null ? wide : t.client;
  }

  /** Lets up to {@code connections} requests run at once (the default client pools 5). */
  public synchronized Shoppers concurrent(int connections) {
    if (wide == null) {
      wideVertx = io.vertx.core.Vertx.vertx();
      wide = io.vertx.ext.web.client.WebClient.create(wideVertx, new io.vertx.ext.web.client.WebClientOptions()
          .setDefaultHost("127.0.0.1").setDefaultPort(t.app.port()),
          new io.vertx.core.http.PoolOptions().setHttp1MaxSize(connections));
    }
    return this;
  }

  @Override
  public void close() {
    if (wide != null) {
      wide.close();
      wideVertx.close().await();
    }
  }

  public static HttpResponse<Buffer> checked(HttpResponse<Buffer> checkoutResponse) {
    return Contract.checked(HttpMethod.POST, "/api/v1/checkout", checkoutResponse);
  }

  public HttpResponse<Buffer> checkout(Shopper s, String key, Buffer body) {
    return checked(checkoutAsync(s, key, body).await());
  }

  public HttpResponse<Buffer> checkout(Shopper s, String key) {
    return checkout(s, key, new JsonObject().put("shippingAddress", address()).toBuffer());
  }

  public void putItem(Shopper s, long productId, int quantity) {
    var r = send(s, HttpMethod.PUT, "/api/v1/cart/items/" + productId, new JsonObject().put("quantity", quantity));
    if (r.statusCode() != 200) throw new AssertionError("cart write answered " + r.statusCode() + " " + r.bodyAsString());
  }

  public HttpResponse<Buffer> get(Shopper s, String uri) {
    var r = t.client.get(uri).putHeader("Authorization", "Bearer " + s.token()).send().await();
    return Contract.checked(HttpMethod.GET, uri, r);
  }
}
