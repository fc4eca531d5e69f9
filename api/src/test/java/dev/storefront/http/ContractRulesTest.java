package dev.storefront.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Contract;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract states the rules the server applies, and refusals name the field and the bound. */
class ContractRulesTest {
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("contract_rules", Map.of("REDIS_TIMEOUT_MS", "2000"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static String detail(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    return r.bodyAsJsonObject().getString("detail");
  }

  private static HttpResponse<Buffer> patchProduct(long id, String json) {
    return t.send(HttpMethod.PATCH, "/api/v1/admin/products/" + id, Buffer.buffer(json), true);
  }

  private static JsonObject schema(String path, String method) {
    return Contract.get().raw.getJsonObject("paths").getJsonObject(path).getJsonObject(method);
  }

  @Test
  void theContractStatesPriceEmailAndPasswordRules() {
    JsonObject price = schema("/api/v1/admin/products/{id}", "patch").getJsonObject("requestBody")
        .getJsonObject("content").getJsonObject("application/json").getJsonObject("schema")
        .getJsonObject("properties").getJsonObject("price");
    assertThat(price.getValue("multipleOf")).isEqualTo(0.01);
    JsonObject signup = schema("/api/v1/auth/signup", "post").getJsonObject("requestBody").getJsonObject("content")
        .getJsonObject("application/json").getJsonObject("schema").getJsonObject("properties");
    // No format check: it would refuse compatibility spellings before the server normalises them.
    assertThat(signup.getJsonObject("email").getString("format")).isNull();
    assertThat(signup.getJsonObject("email").getString("description")).contains("NFKC");
    assertThat(signup.getJsonObject("email").getInteger("maxLength")).isEqualTo(254);
    assertThat(signup.getJsonObject("password").getInteger("minLength")).isEqualTo(8);
    assertThat(signup.getJsonObject("password").getInteger("maxLength")).isEqualTo(128);
    String minPrice = schema("/api/v1/products", "get").getJsonArray("parameters").stream()
        .map(JsonObject.class::cast).filter(p -> p.getString("name").equals("minPrice")).findFirst().orElseThrow()
        .getJsonObject("schema").getString("pattern");
    assertThat(java.util.regex.Pattern.compile(minPrice).pattern())
        .isEqualTo("^(" + dev.storefront.catalog.Prices.QUERY.pattern() + ")$");
  }

  @Test
  void listingPricesWithMoreThanTwoDecimalsAreRefusedNamingTheParameter() {
    assertThat(detail(t.get("/api/v1/products?minPrice=2.00001"))).startsWith("minPrice: ").contains("two decimals");
    assertThat(detail(t.get("/api/v1/products?maxPrice=1000000.01"))).startsWith("maxPrice: ").contains("1000000");
    assertThat(t.get("/api/v1/products?minPrice=2.5&maxPrice=1000000.00").statusCode()).isEqualTo(200);
  }

  @Test
  void adminPricesAreReadExactlyAndNeverRounded() {
    int before = t.get("/api/v1/products/7").bodyAsJsonObject().getValue("price") instanceof Number n
        ? (int) Math.round(n.doubleValue() * 100) : -1;
    assertThat(detail(patchProduct(7, "{\"price\": 10.001}"))).startsWith("price: ");
    assertThat(detail(patchProduct(7, "{\"price\": 100.10000000000000001}"))).startsWith("price: ")
        .contains("two decimals");
    assertThat(detail(patchProduct(7, "{\"price\": 1e309}"))).startsWith("price: ");
    assertThat(detail(patchProduct(7, "{\"price\": 0}"))).startsWith("price: ").contains("0.01");
    int after = (int) Math.round(t.get("/api/v1/products/7").bodyAsJsonObject().getDouble("price") * 100);
    assertThat(after).isEqualTo(before);
    for (String ok : new String[] {"999999.99", "19.99", "0.07", "1.15", "100.10", "1000000"}) {
      HttpResponse<Buffer> r = patchProduct(7, "{\"price\": " + ok + "}");
      assertThat(r.statusCode()).as(ok + " " + r.bodyAsString()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject().getDouble("price")).isEqualTo(Double.parseDouble(ok));
    }
  }

  @Test
  void validatorMessagesNameTheFieldAndTheBound() {
    String stock = "/api/v1/admin/products/3/stock";
    assertThat(detail(t.send(HttpMethod.PUT, stock, Buffer.buffer("{\"stock\": -1}"), true)))
        .isEqualTo("stock: must be >= 0");
    assertThat(detail(t.send(HttpMethod.PUT, stock, Buffer.buffer("{\"stock\": 1000001}"), true)))
        .isEqualTo("stock: must be <= 1000000");
    assertThat(detail(t.send(HttpMethod.PUT, stock, Buffer.buffer("{\"stock\": \"5\"}"), true)))
        .isEqualTo("stock: must be of type integer");
    assertThat(detail(t.send(HttpMethod.PUT, stock, Buffer.buffer("{}"), true))).isEqualTo("stock: is required");
    assertThat(detail(t.send(HttpMethod.PUT, stock, Buffer.buffer("{\"stock\": 1, \"x\": 1}"), true)))
        .isEqualTo("x: is not a known field");
    // A known field broken deep inside is named for what broke there, not also as unknown.
    String nested = detail(t.send(HttpMethod.PUT, "/api/v1/cart", Buffer.buffer("{\"items\": [null]}"), true));
    assertThat(nested).startsWith("items").doesNotContain("not a known field");
    String deeper = detail(t.send(HttpMethod.PUT, "/api/v1/cart",
        Buffer.buffer("{\"items\": [{\"productId\": 1, \"quantity\": 0}]}"), true));
    assertThat(deeper).startsWith("items").contains("quantity").contains(">= 1").doesNotContain("not a known field");
    assertThat(detail(patchProduct(3, "{\"name\": \"\"}"))).isEqualTo("name: must be at least 1 characters long");
    assertThat(detail(patchProduct(3, "{}"))).isEqualTo("body: must have at least 1 field(s)");
    assertThat(detail(t.send(HttpMethod.POST, "/api/v1/auth/signup",
        new JsonObject().put("email", "not-an-address").put("password", "a sturdy passphrase").toBuffer(), false)))
        .isEqualTo("email: must be an address like name@example.com");
    assertThat(detail(t.send(HttpMethod.POST, "/api/v1/auth/signup",
        new JsonObject().put("email", "ok@example.com").put("password", "p".repeat(129)).toBuffer(), false)))
        .isEqualTo("password: must be at most 128 characters long");
    assertThat(detail(t.get("/docs/assets/a%20b.js"))).isEqualTo("file: must match ^[A-Za-z0-9._-]+$");
  }

  @Test
  void boundsOfReferencedSchemasAreNamedToo() {
    String item = "/api/v1/cart/items/7";
    assertThat(detail(t.send(HttpMethod.PUT, item, Buffer.buffer("{\"quantity\": 100}"), true)))
        .isEqualTo("quantity: must be <= 99");
    assertThat(detail(t.send(HttpMethod.PUT, item, Buffer.buffer("{\"quantity\": 0}"), true)))
        .isEqualTo("quantity: must be >= 1");
  }
}
