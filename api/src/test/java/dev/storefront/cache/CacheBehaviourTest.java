package dev.storefront.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.App;
import dev.storefront.support.Contract;
import dev.storefront.support.TestApp;
import io.vertx.core.http.HttpMethod;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CacheBehaviourTest {
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("cache_behaviour");
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static HttpResponse<Buffer> get(String uri) {
    return t.get(uri);
  }

  private static double count(String cache, String result, String tier) {
    Counter c = t.app.registry().find("cache_requests").tags("cache", cache, "result", result, "tier", tier).counter();
    return c == null ? 0 : c.count();
  }

  private static long loads(String cache) {
    Timer timer = t.app.registry().find("cache_load").tag("cache", cache).timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void aColdHotKeyCostsOneDatabaseLoadHoweverManyAskAtOnce() {
    long before = loads("pdp");
    List<Future<HttpResponse<Buffer>>> burst = new ArrayList<>();
    for (int i = 0; i < 50; i++) burst.add(t.client.get("/api/v1/products/42").send());
    Future.all(burst).await();
    burst.forEach(f -> assertThat(Contract.checked(HttpMethod.GET, "/api/v1/products/42", f.result()).statusCode())
        .isEqualTo(200));
    assertThat(loads("pdp") - before).isEqualTo(1);
  }

  @Test
  void eachLookupIsCountedOnceAsHitOrMiss() {
    double l1Before = count("pdp", "hit", "l1");
    double missBefore = count("pdp", "miss", "db");
    get("/api/v1/products/77");
    get("/api/v1/products/77");
    get("/api/v1/products/77");
    assertThat(count("pdp", "miss", "db") - missBefore).isEqualTo(1);
    assertThat(count("pdp", "hit", "l1") - l1Before).isEqualTo(2);
  }

  @Test
  void anotherInstanceFindsTheEntryInRedisWithoutTouchingPostgres() {
    get("/api/v1/products/78");
    t.withSibling(Map.of(), (other, client) -> {
      double redisBefore = counter(other, "redis");
      assertThat(Contract.checked(HttpMethod.GET, "/api/v1/products/78",
          client.get("/api/v1/products/78").send().await()).statusCode()).isEqualTo(200);
      assertThat(counter(other, "redis") - redisBefore).isEqualTo(1);
      assertThat(other.registry().find("cache_load").tag("cache", "pdp").timer().count()).isZero();
    });
  }

  private static double counter(App app, String tier) {
    return app.registry().find("cache_requests").tags("cache", "pdp", "result", "hit", "tier", tier).counter().count();
  }

  @Test
  void aStockChangeThroughTheServiceIsVisibleOnTheNextRead() {
    assertThat(get("/api/v1/products/5").bodyAsJsonObject().getInteger("stock")).isNotEqualTo(123);
    t.app.productWrites().setStock(5, 123).await();
    assertThat(get("/api/v1/products/5").bodyAsJsonObject().getInteger("stock")).isEqualTo(123);
  }

  @Test
  void anAdminEditReachesTheProductAndItsListings() {
    get("/api/v1/products/9");
    int category = get("/api/v1/products/9").bodyAsJsonObject().getInteger("categoryId");
    String listing = "/api/v1/products?category=" + category + "&size=100";
    get(listing);
    HttpResponse<Buffer> r = t.send(io.vertx.core.http.HttpMethod.PATCH, "/api/v1/admin/products/9",
        new JsonObject().put("name", "Renamed walnut clock").put("price", 12.34).toBuffer(), true);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject pdp = get("/api/v1/products/9").bodyAsJsonObject();
    assertThat(pdp.getString("name")).isEqualTo("Renamed walnut clock");
    assertThat(pdp.getValue("price").toString()).isEqualTo("12.34");
    assertThat(get(listing).bodyAsString()).contains("Renamed walnut clock");
    assertThat(get("/api/v1/products?q=renamed").bodyAsJsonObject().getLong("total")).isEqualTo(1);
  }

  @Test
  void stockGoingToZeroUpdatesListingsAndOtherInstancesWithinASecond() {
    assertThat(t.config.cache().l1TtlMs()).as("the other instance's L1 would not expire by itself").isGreaterThan(5_000);
    t.withSibling(Map.of(), (other, otherClient) -> {
      String listing = "/api/v1/products?category=" + get("/api/v1/products/11").bodyAsJsonObject()
          .getInteger("categoryId") + "&size=100";
      otherClient.get("/api/v1/products/11").send().await();
      otherClient.get(listing).send().await();
      t.app.productWrites().setStock(11, 0).await();
      long deadline = System.currentTimeMillis() + 1_000;
      JsonObject pdp;
      JsonObject plp;
      do {
        pdp = Contract.checked(HttpMethod.GET, "/api/v1/products/11",
            otherClient.get("/api/v1/products/11").send().await()).bodyAsJsonObject();
        plp = Contract.checked(HttpMethod.GET, listing, otherClient.get(listing).send().await()).bodyAsJsonObject();
      } while ((pdp.getInteger("stock") != 0 || listed(plp, 11).getBoolean("inStock"))
          && System.currentTimeMillis() < deadline && sleep(50));
      assertThat(pdp.getInteger("stock")).isZero();
      assertThat(listed(plp, 11).getBoolean("inStock")).isFalse();
    });
  }

  private static JsonObject listed(JsonObject page, long id) {
    return page.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(o -> o.getLong("id") == id).findFirst().orElseThrow();
  }

  private static boolean sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return true;
  }
}
