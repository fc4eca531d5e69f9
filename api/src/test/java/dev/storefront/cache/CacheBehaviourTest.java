package dev.storefront.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.App;
import dev.storefront.config.AppConfig;
import dev.storefront.support.TestApp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
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
    return t.client.get(uri).send().await();
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
    burst.forEach(f -> assertThat(f.result().statusCode()).isEqualTo(200));
    assertThat(loads("pdp") - before).isEqualTo(1);
  }

  @Test
  void eachLookupIsCountedOnceAsHitOrMiss() throws Exception {
    double hitsBefore = count("pdp", "hit", "l1") + count("pdp", "hit", "redis") + count("pdp", "hit", "coalesced");
    double missBefore = count("pdp", "miss", "db");
    get("/api/v1/products/77");
    get("/api/v1/products/77");
    Thread.sleep(t.config.cache().l1TtlMs() + 100);
    get("/api/v1/products/77");
    double hits = count("pdp", "hit", "l1") + count("pdp", "hit", "redis") + count("pdp", "hit", "coalesced");
    assertThat(count("pdp", "miss", "db") - missBefore).isEqualTo(1);
    assertThat(hits - hitsBefore).isEqualTo(2);
    assertThat(count("pdp", "hit", "redis")).as("after L1 expiry the entry comes from Redis").isPositive();
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
    HttpResponse<Buffer> r = t.client.patch("/api/v1/admin/products/9")
        .putHeader("X-Admin-Token", TestApp.ADMIN_TOKEN)
        .sendJsonObject(new JsonObject().put("name", "Renamed walnut clock").put("price", 12.34)).await();
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject pdp = get("/api/v1/products/9").bodyAsJsonObject();
    assertThat(pdp.getString("name")).isEqualTo("Renamed walnut clock");
    assertThat(pdp.getValue("price").toString()).isEqualTo("12.34");
    assertThat(get(listing).bodyAsString()).contains("Renamed walnut clock");
    assertThat(get("/api/v1/products?q=renamed").bodyAsJsonObject().getLong("total")).isEqualTo(1);
  }

  @Test
  void stockGoingToZeroUpdatesListingsAndOtherInstancesWithinASecond() throws Exception {
    AppConfig sameData = AppConfig.from(Map.of(
        "DATABASE_URL", t.config.database().jdbcUrl().replace("jdbc:", "").replace("//", "//"
            + t.config.database().user() + ":" + t.config.database().password() + "@"),
        "DATABASE_SCHEMA", t.config.databaseSchema(), "REDIS_URL", t.config.redisUrl(),
        "CACHE_NAMESPACE", t.config.cacheNamespace(), "HTTP_PORT", "0", "HTTP_INSTANCES", "1",
        "ACCESS_LOG", "false"));
    App other = App.start(sameData, false).await();
    WebClient otherClient = WebClient.create(other.vertx(), new WebClientOptions().setDefaultPort(other.port()));
    try {
      String listing = "/api/v1/products?category=" + get("/api/v1/products/11").bodyAsJsonObject()
          .getInteger("categoryId") + "&size=100";
      otherClient.get("/api/v1/products/11").send().await();
      otherClient.get(listing).send().await();
      t.app.productWrites().setStock(11, 0).await();
      long deadline = System.currentTimeMillis() + 1_000;
      JsonObject pdp;
      String plp;
      do {
        pdp = otherClient.get("/api/v1/products/11").send().await().bodyAsJsonObject();
        plp = otherClient.get(listing).send().await().bodyAsString();
      } while ((pdp.getInteger("stock") != 0 || !plp.contains("\"id\":11,")) && System.currentTimeMillis() < deadline
          && sleep(50));
      assertThat(pdp.getInteger("stock")).isZero();
      JsonObject item = new JsonObject(plp).getJsonArray("items").stream().map(JsonObject.class::cast)
          .filter(o -> o.getLong("id") == 11).findFirst().orElseThrow();
      assertThat(item.getBoolean("inStock")).isFalse();
    } finally {
      otherClient.close();
      other.close().await();
    }
  }

  private static boolean sleep(long ms) throws InterruptedException {
    Thread.sleep(ms);
    return true;
  }
}
