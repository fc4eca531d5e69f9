package dev.storefront.catalog;

import static dev.storefront.support.Contract.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatalogApiTest {
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("catalog_api");
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static HttpResponse<Buffer> get(String uri) {
    return t.get(uri);
  }

  @Test
  void productDetailHasStockAndMatchesTheContract() {
    HttpResponse<Buffer> r = valid("getProduct", get("/api/v1/products/7"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
    JsonObject p = r.bodyAsJsonObject();
    assertThat(p.getLong("id")).isEqualTo(7);
    assertThat(p.getString("sku")).isEqualTo("SKU-000007");
    assertThat(p.getInteger("stock")).isBetween(0, 500);
    assertThat(p.getBoolean("inStock")).isEqualTo(p.getInteger("stock") > 0);
    assertThat(p.getString("description").length()).isBetween(700, 900);
    assertThat(p.getString("imageUrl")).endsWith("/products/sku-000007.jpg");
  }

  @Test
  void aProductIdIsSpelledInAsciiDigitsOnly() {
    // Arabic-Indic, fullwidth and Devanagari sevens, and a plus sign: each would be another cacheable URL.
    for (String id : new String[] {"%D9%A7", "%EF%BC%97", "%E0%A5%AD", "%2B7", "+7", "-7", "7.0", "9223372036854775808"}) {
      assertThat(get("/api/v1/products/" + id).statusCode()).as(id).isEqualTo(400);
    }
    assertThat(get("/api/v1/products/7").statusCode()).isEqualTo(200);
  }

  @Test
  void listingFiltersByCategoryIncludingSubCategories() {
    JsonObject leaf = valid("listProducts", get("/api/v1/products?category=11&size=100")).bodyAsJsonObject();
    assertThat(leaf.getLong("total")).isPositive();
    assertThat(ids(leaf, "categoryId")).containsOnly(11);

    JsonObject department = valid("listProducts", get("/api/v1/products?category=1&size=100")).bodyAsJsonObject();
    assertThat(ids(department, "categoryId")).isSubsetOf(11, 12, 13, 14).contains(11);
    assertThat(department.getLong("total")).isGreaterThan(leaf.getLong("total"));
  }

  @Test
  void everySortOrdersTheWholeResultStably() {
    assertThat(prices("price_asc")).isSorted();
    assertThat(prices("price_desc")).isSortedAccordingTo((a, b) -> b.compareTo(a));
    List<String> names = valid("listProducts", get("/api/v1/products?sort=name&size=100")).bodyAsJsonObject()
        .getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("name")).collect(Collectors.toList());
    assertThat(names).isSorted();
    List<Integer> popular = ids(get("/api/v1/products?sort=popularity&size=5").bodyAsJsonObject(), "id");
    assertThat(popular).containsExactly(1, 2, 3, 4, 5);
    assertThat(get("/api/v1/products?sort=newest").statusCode()).isEqualTo(200);
  }

  @Test
  void pagesDoNotOverlapAndCarryTheTotal() {
    JsonObject p1 = get("/api/v1/products?sort=price_asc&page=1&size=10").bodyAsJsonObject();
    JsonObject p2 = get("/api/v1/products?sort=price_asc&page=2&size=10").bodyAsJsonObject();
    assertThat(p1.getLong("total")).isEqualTo(TestApp.PRODUCTS);
    assertThat(p2.getInteger("page")).isEqualTo(2);
    assertThat(ids(p1, "id")).doesNotContainAnyElementsOf(ids(p2, "id"));
    JsonObject beyond = get("/api/v1/products?page=500&size=100").bodyAsJsonObject();
    assertThat(beyond.getJsonArray("items")).isEmpty();
    assertThat(beyond.getLong("total")).isEqualTo(TestApp.PRODUCTS);
  }

  @Test
  void priceRangeAndSearchNarrowTheList() {
    JsonObject ranged = valid("listProducts", get("/api/v1/products?minPrice=100&maxPrice=500&size=100"))
        .bodyAsJsonObject();
    for (Object o : ranged.getJsonArray("items")) {
      BigDecimal price = new BigDecimal(((JsonObject) o).getValue("price").toString());
      assertThat(price).isBetween(new BigDecimal("100"), new BigDecimal("500"));
    }
    JsonObject found = valid("listProducts", get("/api/v1/products?q=Lamp&size=100")).bodyAsJsonObject();
    assertThat(found.getLong("total")).isPositive().isLessThan(TestApp.PRODUCTS);
    JsonObject none = get("/api/v1/products?q=zeppelin").bodyAsJsonObject();
    assertThat(none.getLong("total")).isZero();
  }

  @Test
  void categoriesFormATreeOfTenDepartments() {
    JsonObject body = valid("listCategories", get("/api/v1/categories")).bodyAsJsonObject();
    JsonArray roots = body.getJsonArray("items");
    assertThat(roots).hasSize(10);
    int all = 0;
    for (Object root : roots) all += 1 + ((JsonObject) root).getJsonArray("children").size();
    assertThat(all).isEqualTo(50);
  }

  private static List<BigDecimal> prices(String sort) {
    JsonObject page = valid("listProducts", get("/api/v1/products?sort=" + sort + "&size=100")).bodyAsJsonObject();
    return page.getJsonArray("items").stream()
        .map(o -> new BigDecimal(((JsonObject) o).getValue("price").toString())).collect(Collectors.toList());
  }

  private static List<Integer> ids(JsonObject page, String field) {
    return page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getInteger(field))
        .collect(Collectors.toList());
  }
}
