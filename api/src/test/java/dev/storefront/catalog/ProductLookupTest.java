package dev.storefront.catalog;

import static dev.storefront.support.Contract.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Contract;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Product pages found by SKU and by slug are the PDP itself: same body, same ETag. */
class ProductLookupTest {
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("product_lookup");
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  @Test
  void skuFindsTheProductPage() {
    HttpResponse<Buffer> byId = t.get("/api/v1/products/7");
    HttpResponse<Buffer> bySku = valid("getProductBySku", t.get("/api/v1/products/by-sku/SKU-000007"));
    assertThat(bySku.statusCode()).isEqualTo(200);
    assertThat(bySku.bodyAsJsonObject()).isEqualTo(byId.bodyAsJsonObject());
    assertThat(bySku.getHeader("ETag")).isEqualTo(byId.getHeader("ETag"));
    HttpResponse<Buffer> revalidated = Contract.checked(HttpMethod.GET, "/api/v1/products/by-sku/SKU-000007",
        t.client.get("/api/v1/products/by-sku/SKU-000007").putHeader("If-None-Match", byId.getHeader("ETag")).send().await());
    assertThat(revalidated.statusCode()).isEqualTo(304);
  }

  @Test
  void unknownOrMalformedSkusAreProblems() {
    assertThat(t.get("/api/v1/products/by-sku/SKU-999999").statusCode()).isEqualTo(404);
    assertThat(t.get("/api/v1/products/by-sku/SKU-999999").statusCode()).as("cached not-found").isEqualTo(404);
    assertThat(t.get("/api/v1/products/by-sku/a%20b").statusCode()).isEqualTo(400);
  }

  @Test
  void slugFindsTheProductPageAndOnlyItsOwnSlugDoes() {
    JsonObject product = t.get("/api/v1/products/8").bodyAsJsonObject();
    String slug = product.getString("slug");
    assertThat(slug).matches("[a-z0-9]+(-[a-z0-9]+)*-8");
    assertThat(slug).startsWith(product.getString("name").toLowerCase().replace(' ', '-'));
    HttpResponse<Buffer> bySlug = valid("getProductBySlug", t.get("/api/v1/products/by-slug/" + slug));
    assertThat(bySlug.statusCode()).isEqualTo(200);
    assertThat(bySlug.bodyAsJsonObject()).isEqualTo(product);
    assertThat(t.get("/api/v1/products/by-slug/some-other-words-8").statusCode()).isEqualTo(404);
    assertThat(t.get("/api/v1/products/by-slug/" + slug.substring(0, slug.length() - 1) + "9").statusCode())
        .isEqualTo(404);
    assertThat(t.get("/api/v1/products/by-slug/Not_A_Slug").statusCode()).isEqualTo(400);
  }

  @Test
  void listingsCarryTheSlugOfEachProduct() {
    JsonObject item = t.get("/api/v1/products?size=1").bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    JsonObject page = t.get("/api/v1/products/" + item.getLong("id")).bodyAsJsonObject();
    assertThat(item.getString("slug")).isEqualTo(page.getString("slug"));
  }

  @Test
  void aBlankProductNameIsRefusedAndANameIsStoredTrimmed() {
    String before = t.get("/api/v1/products/10").bodyAsJsonObject().getString("name");
    for (String blank : new String[] {" ", "\u00a0\u3000", "\u200b", "\u200b\u2060\ufeff", "\t"}) {
      var r = t.send(HttpMethod.PATCH, "/api/v1/admin/products/10", new JsonObject().put("name", blank).toBuffer(), true);
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("detail")).startsWith("name: ");
    }
    assertThat(t.get("/api/v1/products/10").bodyAsJsonObject().getString("name")).isEqualTo(before);
    var renamed = t.send(HttpMethod.PATCH, "/api/v1/admin/products/10",
        new JsonObject().put("name", "\u00a0 Oak Stool\u200b ").toBuffer(), true);
    assertThat(renamed.statusCode()).isEqualTo(200);
    assertThat(renamed.bodyAsJsonObject().getString("name")).isEqualTo("Oak Stool");
  }

  @Test
  void aRenamedProductAnswersToItsNewSlugOnly() {
    String old = t.get("/api/v1/products/9").bodyAsJsonObject().getString("slug");
    var r = t.send(HttpMethod.PATCH, "/api/v1/admin/products/9",
        new JsonObject().put("name", "Café Table, Round!").toBuffer(), true);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(t.get("/api/v1/products/by-slug/cafe-table-round-9").statusCode()).isEqualTo(200);
    assertThat(t.get("/api/v1/products/by-slug/" + old).statusCode()).isEqualTo(404);
  }
}
