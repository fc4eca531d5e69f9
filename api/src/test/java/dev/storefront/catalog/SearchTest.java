package dev.storefront.catalog;

import static dev.storefront.support.Contract.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Sql;
import dev.storefront.support.TestApp;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Search finds word forms, prefixes and one-edit misspellings, best matches first. */
class SearchTest {
  static TestApp t;
  static Sql sql;
  static long lamps;
  /** A chair whose description (not name) mentions a lamp: it matches, after every lamp by name. */
  static final long CHAIR_NEAR_A_LAMP = 41;

  @BeforeAll
  static void start() {
    t = TestApp.start("search");
    sql = new Sql(t.config);
    lamps = sql.scalar("SELECT count(*) FROM products WHERE name ILIKE '%lamp%'");
    assertThat(lamps).isPositive();
    String name = sql.text("SELECT name FROM products WHERE id = ?", CHAIR_NEAR_A_LAMP);
    assertThat(name).doesNotContainIgnoringCase("lamp");
    var r = t.send(HttpMethod.PATCH, "/api/v1/admin/products/" + CHAIR_NEAR_A_LAMP,
        new JsonObject().put("description", name + " to read by, beside a lamp.").toBuffer(), true);
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static JsonObject search(String q) {
    return valid("listProducts", t.get("/api/v1/products?size=100&q=" + q)).bodyAsJsonObject();
  }

  private static List<String> names(JsonObject page) {
    return page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("name")).collect(Collectors.toList());
  }

  @Test
  void pluralPrefixAndMisspeltWordsAllFindTheLamps() {
    for (String q : List.of("lamp", "lamps", "Lamps", "lam", "lanp", "lmap", "lamq")) {
      JsonObject page = search(q);
      assertThat(page.getLong("total")).as(q).isEqualTo(lamps + 1);
      List<String> found = names(page);
      assertThat(found.subList(0, (int) lamps)).as(q).allMatch(n -> n.toLowerCase().contains("lamp"));
      assertThat(page.getJsonArray("items").getJsonObject((int) lamps).getLong("id")).as(q).isEqualTo(CHAIR_NEAR_A_LAMP);
    }
  }

  @Test
  void everyWordMustMatch() {
    long oakLamps = sql.scalar("SELECT count(*) FROM products WHERE name ILIKE '%oak lamp%'");
    assertThat(search("oak+lamps").getLong("total")).isEqualTo(oakLamps);
    assertThat(search("oak+lanp").getLong("total")).isEqualTo(oakLamps);
  }

  @Test
  void wordsTooFarFromAnyProductFindNothing() {
    assertThat(search("zeppelin").getLong("total")).isZero();
    assertThat(search("lxmq").getLong("total")).as("two edits from lamp").isZero();
    assertThat(search("the").getLong("total")).as("stop words only").isZero();
    assertThat(search("the+lamps").getLong("total")).isEqualTo(lamps + 1);
  }

  @Test
  void anExplicitSortOverridesRelevance() {
    JsonObject page = valid("listProducts", t.get("/api/v1/products?size=100&q=lamps&sort=price_asc")).bodyAsJsonObject();
    List<Double> prices = page.getJsonArray("items").stream()
        .map(o -> Double.parseDouble(((JsonObject) o).getValue("price").toString())).collect(Collectors.toList());
    assertThat(prices).isSorted();
    assertThat(valid("listProducts", t.get("/api/v1/products?sort=relevance")).statusCode()).isEqualTo(200);
  }

  @Test
  void aRenamedProductIsFoundByItsNewWordMisspelt() {
    var r = t.send(HttpMethod.PATCH, "/api/v1/admin/products/42",
        new JsonObject().put("name", "Teapot of porcelain").toBuffer(), true);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(search("teapto").getJsonArray("items").getJsonObject(0).getLong("id")).isEqualTo(42);
  }
}
