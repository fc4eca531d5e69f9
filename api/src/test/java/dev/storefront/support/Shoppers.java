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
public final class Shoppers {
  private static final AtomicInteger BATCH = new AtomicInteger();
  private final TestApp t;
  private final Sql sql;
  private final AccessTokens tokens;

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
    for (long id : ids) shoppers.add(new Shopper(id, tokens.issue(id, "customer")));
    return shoppers;
  }

  public HttpResponse<Buffer> send(Shopper s, HttpMethod method, String uri, JsonObject body) {
    return t.send(method, uri, body == null ? Buffer.buffer() : body.toBuffer(), s.token());
  }

  public HttpResponse<Buffer> get(Shopper s, String uri) {
    var r = t.client.get(uri).putHeader("Authorization", "Bearer " + s.token()).send().await();
    return Contract.checked(HttpMethod.GET, uri, r);
  }
}
