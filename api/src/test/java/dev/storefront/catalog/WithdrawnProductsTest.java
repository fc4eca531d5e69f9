package dev.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Contract;
import dev.storefront.support.Sql;
import dev.storefront.support.TestApp;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A product withdrawn from sale (admin PATCH {@code active: false}) leaves the public catalog, caches included. */
class WithdrawnProductsTest {
  static TestApp t;
  static Sql sql;

  @BeforeAll
  static void start() {
    t = TestApp.start("withdrawn_products");
    sql = new Sql(t.config);
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static HttpResponse<Buffer> patch(long id, String json) {
    return t.send(HttpMethod.PATCH, "/api/v1/admin/products/" + id, Buffer.buffer(json), true);
  }

  private static JsonObject setActive(long id, boolean active) {
    HttpResponse<Buffer> r = patch(id, "{\"active\": " + active + "}");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static double l1Hits(String cache) {
    Counter c = t.app.registry().find("cache_requests").tags("cache", cache, "result", "hit", "tier", "l1").counter();
    return c == null ? 0 : c.count();
  }

  /** The public pages a product shows on: its PDP, its category, a search for a word of its name, the catalog. */
  private record Pages(String pdp, List<String> listings) {
    static Pages of(long id) {
      JsonObject p = t.get("/api/v1/products/" + id).bodyAsJsonObject();
      String word = p.getString("name").split(" ")[2];
      return new Pages("/api/v1/products/" + id, List.of(
          "/api/v1/products?category=" + p.getInteger("categoryId") + "&size=100",
          "/api/v1/products?q=" + word + "&size=100",
          "/api/v1/products?size=100"));
    }
  }

  private static boolean listed(JsonObject page, long id) {
    return page.getJsonArray("items").stream().map(JsonObject.class::cast).anyMatch(o -> o.getLong("id") == id);
  }

  @Test
  void aWithdrawnProductLeavesItsPageListingsSearchAndTotalsThroughWarmCachesAndComesBack() {
    long id = 20; // on the first page of the whole catalog by popularity
    Pages pages = Pages.of(id);
    JsonObject before = t.get(pages.pdp()).bodyAsJsonObject();
    long[] totals = new long[pages.listings().size()];
    for (int i = 0; i < totals.length; i++) {
      JsonObject page = t.get(pages.listings().get(i)).bodyAsJsonObject();
      assertThat(listed(page, id)).as(pages.listings().get(i)).isTrue();
      totals[i] = page.getLong("total");
    }
    double pdpHits = l1Hits("pdp");
    double plpHits = l1Hits("plp");
    t.get(pages.pdp());
    pages.listings().forEach(t::get);
    assertThat(l1Hits("pdp") - pdpHits).as("the page is served from memory").isEqualTo(1);
    assertThat(l1Hits("plp") - plpHits).as("the listings are served from memory").isEqualTo(totals.length);

    JsonObject withdrawn = setActive(id, false);
    assertThat(withdrawn.getBoolean("active")).isFalse();
    assertThat(withdrawn.getString("sku")).isEqualTo(before.getString("sku"));

    HttpResponse<Buffer> gone = t.get(pages.pdp());
    HttpResponse<Buffer> unknown = t.get("/api/v1/products/999999");
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(gone.bodyAsJsonObject().getString("type")).isEqualTo(unknown.bodyAsJsonObject().getString("type"));
    assertThat(gone.bodyAsJsonObject().getString("title")).isEqualTo(unknown.bodyAsJsonObject().getString("title"));
    for (int i = 0; i < totals.length; i++) {
      JsonObject page = t.get(pages.listings().get(i)).bodyAsJsonObject();
      assertThat(listed(page, id)).as(pages.listings().get(i)).isFalse();
      assertThat(page.getLong("total")).as(pages.listings().get(i)).isEqualTo(totals[i] - 1);
    }

    assertThat(setActive(id, true).getBoolean("active")).isTrue();
    JsonObject back = t.get(pages.pdp()).bodyAsJsonObject();
    assertThat(back.getString("name")).isEqualTo(before.getString("name"));
    assertThat(back.getInteger("stock")).isEqualTo(before.getInteger("stock"));
    for (int i = 0; i < totals.length; i++) {
      JsonObject page = t.get(pages.listings().get(i)).bodyAsJsonObject();
      assertThat(listed(page, id)).as(pages.listings().get(i)).isTrue();
      assertThat(page.getLong("total")).as(pages.listings().get(i)).isEqualTo(totals[i]);
    }
  }

  @Test
  void anotherInstanceStopsAndResumesShowingTheProductWithinASecond() {
    long id = 30;
    Pages pages = Pages.of(id);
    String listing = pages.listings().get(0);
    t.withSibling(Map.of(), (other, client) -> {
      Function<String, HttpResponse<Buffer>> get = uri -> Contract.checked(HttpMethod.GET, uri,
          client.get(uri).send().await());
      assertThat(get.apply(pages.pdp()).statusCode()).isEqualTo(200); // in the other instance's L1 now
      assertThat(listed(get.apply(listing).bodyAsJsonObject(), id)).isTrue();

      setActive(id, false);
      long deadline = System.currentTimeMillis() + 1_000;
      while ((get.apply(pages.pdp()).statusCode() != 404 || listed(get.apply(listing).bodyAsJsonObject(), id))
          && System.currentTimeMillis() < deadline) {
        sleep(50);
      }
      assertThat(get.apply(pages.pdp()).statusCode()).isEqualTo(404);
      assertThat(listed(get.apply(listing).bodyAsJsonObject(), id)).isFalse();

      setActive(id, true);
      deadline = System.currentTimeMillis() + 1_000;
      while ((get.apply(pages.pdp()).statusCode() != 200 || !listed(get.apply(listing).bodyAsJsonObject(), id))
          && System.currentTimeMillis() < deadline) {
        sleep(50);
      }
      assertThat(get.apply(pages.pdp()).statusCode()).isEqualTo(200);
      assertThat(listed(get.apply(listing).bodyAsJsonObject(), id)).isTrue();
    });
  }

  @Test
  void aStartingInstanceDoesNotWarmAWithdrawnProductAsFound() {
    long id = 40;
    assertThat(t.get("/api/v1/products/" + id).statusCode()).isEqualTo(200);
    setActive(id, false);
    t.withSibling(Map.of("CACHE_WARM_TIMEOUT_MS", "60000", "CACHE_WARM_LISTING_PAGES", "1"), (other, client) -> {
      HttpResponse<Buffer> r = Contract.checked(HttpMethod.GET, "/api/v1/products/" + id,
          client.get("/api/v1/products/" + id).send().await());
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(Contract.checked(HttpMethod.GET, "/api/v1/products/" + (id + 1),
          client.get("/api/v1/products/" + (id + 1)).send().await()).statusCode()).isEqualTo(200);
    });
    assertThat(t.get("/api/v1/products/" + id).statusCode()).as("nor stored it in Redis").isEqualTo(404);
    setActive(id, true);
  }

  @Test
  void activeMustBeABooleanAndAdminAnswersShowIt() {
    long id = 50;
    for (String bad : new String[] {"\"false\"", "null", "0"}) {
      HttpResponse<Buffer> r = patch(id, "{\"active\": " + bad + "}");
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.bodyAsJsonObject().getString("detail")).as(bad).isEqualTo("active: must be of type boolean");
    }
    assertThat(sql.scalar("SELECT count(*) FROM products WHERE id = ? AND active", id)).isEqualTo(1);
    assertThat(patch(999_999, "{\"active\": false}").statusCode()).isEqualTo(404);

    assertThat(setActive(id, false).getBoolean("active")).isFalse();
    HttpResponse<Buffer> stock = t.send(HttpMethod.PUT, "/api/v1/admin/products/" + id + "/stock",
        new JsonObject().put("stock", 7).toBuffer(), true);
    assertThat(stock.statusCode()).as(stock.bodyAsString()).isEqualTo(200);
    assertThat(stock.bodyAsJsonObject().getInteger("stock")).isEqualTo(7);
    assertThat(stock.bodyAsJsonObject().getBoolean("active")).isFalse();
    assertThat(t.get("/api/v1/products/" + id).statusCode()).isEqualTo(404);
    HttpResponse<Buffer> renamed = patch(id, "{\"name\": \"Retired oak lamp\"}");
    assertThat(renamed.bodyAsJsonObject().getBoolean("active")).as("other edits keep it withdrawn").isFalse();
    assertThat(setActive(id, true).getInteger("stock")).isEqualTo(7);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
