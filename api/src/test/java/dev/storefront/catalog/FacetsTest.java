package dev.storefront.catalog;

import static dev.storefront.support.Contract.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Sql;
import dev.storefront.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Facet counts agree with the database for the filters given, empty results included. */
class FacetsTest {
  static TestApp t;
  static Sql sql;

  @BeforeAll
  static void start() {
    t = TestApp.start("facets");
    sql = new Sql(t.config);
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static JsonObject facets(String query) {
    return valid("listProductFacets", t.get("/api/v1/product-facets?" + query)).bodyAsJsonObject();
  }

  @Test
  void departmentFacetsCountItsCategoriesBandsAndStock() {
    JsonObject f = facets("category=1");
    long total = sql.scalar("SELECT count(*) FROM products WHERE active AND category_id IN (11, 12, 13, 14)");
    assertThat(f.getLong("total")).isEqualTo(total);
    assertThat(f.getLong("inStock")).isEqualTo(
        sql.scalar("SELECT count(*) FROM products WHERE active AND category_id IN (11, 12, 13, 14) AND stock > 0"));
    long byCategory = 0;
    for (Object o : f.getJsonArray("categories")) {
      JsonObject c = (JsonObject) o;
      assertThat(c.getInteger("id")).isIn(11, 12, 13, 14);
      assertThat(c.getLong("count")).isEqualTo(
          sql.scalar("SELECT count(*) FROM products WHERE active AND category_id = ?", c.getInteger("id")));
      byCategory += c.getLong("count");
    }
    assertThat(byCategory).isEqualTo(total);
    JsonArray prices = f.getJsonArray("prices");
    assertThat(prices).hasSize(Facets.PRICE_EDGES.length + 1);
    assertThat(prices.getJsonObject(prices.size() - 1).containsKey("max")).isFalse();
    long cheap = sql.scalar("SELECT count(*) FROM products WHERE active AND category_id IN (11, 12, 13, 14) "
        + "AND price_cents >= 10000 AND price_cents < 25000");
    assertThat(prices.getJsonObject(3).getLong("count")).isEqualTo(cheap);
    assertThat(prices.stream().mapToLong(o -> ((JsonObject) o).getLong("count")).sum()).isEqualTo(total);
  }

  @Test
  void searchAndPriceFiltersNarrowTheFacetsAndPagingDoesNot() {
    JsonObject lamps = facets("q=lamps&maxPrice=500");
    assertThat(lamps.getLong("total")).isEqualTo(
        sql.scalar("SELECT count(*) FROM products WHERE active AND name ILIKE '%lamp%' AND price_cents <= 50000"));
    assertThat(facets("q=lamps&maxPrice=500&page=3&sort=name")).isEqualTo(lamps);
  }

  @Test
  void anEmptyResultHasZeroCountsEverywhere() {
    JsonObject none = facets("q=zeppelin");
    assertThat(none.getLong("total")).isZero();
    assertThat(none.getLong("inStock")).isZero();
    assertThat(none.getJsonArray("categories")).isEmpty();
    assertThat(none.getJsonArray("prices")).allMatch(o -> ((JsonObject) o).getLong("count") == 0);
  }

  @Test
  void facetsAreCachedAndRevalidated() {
    var first = t.get("/api/v1/product-facets?category=2");
    assertThat(first.getHeader("Cache-Control")).startsWith("public");
    var again = t.client.get("/api/v1/product-facets?category=2").putHeader("If-None-Match", first.getHeader("ETag"))
        .send().await();
    assertThat(again.statusCode()).isEqualTo(304);
  }
}
