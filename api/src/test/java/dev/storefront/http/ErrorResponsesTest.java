package dev.storefront.http;

import static dev.storefront.support.Contract.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Contract;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("errors", Map.of("HTTP_BODY_LIMIT_BYTES", "2048"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static HttpResponse<Buffer> get(String uri) {
    return t.get(uri);
  }

  private static HttpResponse<Buffer> putStock(long id, Buffer body) {
    return t.send(HttpMethod.PUT, "/api/v1/admin/products/" + id + "/stock", body, true);
  }

  /** The shape every error shares: problem+json, the status, a stable type, no stack trace. */
  private static JsonObject problem(HttpResponse<Buffer> r, int status, String type) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    String body = r.bodyAsString();
    assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("dev.storefront");
    JsonObject json = new JsonObject(body);
    assertThat(json.getInteger("status")).isEqualTo(status);
    assertThat(json.getString("type")).isEqualTo("/problems/" + type);
    assertThat(json.getString("title")).isNotBlank();
    return json;
  }

  @Test
  void unknownProductIs404() {
    JsonObject p = problem(valid("getProduct", get("/api/v1/products/999999")), 404, "not-found");
    assertThat(p.getString("detail")).contains("999999");
    assertThat(p.getString("requestId")).isNotBlank();
    // the negative answer is cached too, and stays a 404
    problem(get("/api/v1/products/999999"), 404, "not-found");
  }

  @Test
  void nonNumericIdIs400() {
    problem(valid("getProduct", get("/api/v1/products/abc")), 400, "invalid-request");
    problem(get("/api/v1/products/0"), 400, "invalid-request");
    problem(get("/api/v1/products/99999999999999999999999"), 400, "invalid-request");
  }

  @Test
  void badListingParametersAre400() {
    assertThat(problem(valid("listProducts", get("/api/v1/products?size=100000")), 400, "invalid-request")
        .getString("detail")).contains("size");
    assertThat(problem(get("/api/v1/products?sort=bogus"), 400, "invalid-request").getString("detail"))
        .contains("sort");
    problem(get("/api/v1/products?page=0"), 400, "invalid-request");
    problem(get("/api/v1/products?minPrice=x"), 400, "invalid-request");
  }

  @Test
  void malformedJsonIs400AndChangesNothing() {
    int before = get("/api/v1/products/3").bodyAsJsonObject().getInteger("stock");
    problem(valid("setProductStock", putStock(3, Buffer.buffer("{\"stock\": 1"))), 400, "invalid-request");
    problem(putStock(3, Buffer.buffer("{\"stock\": -5}")), 400, "invalid-request");
    problem(putStock(3, Buffer.buffer("{\"stock\": 5, \"extra\": true}")), 400, "invalid-request");
    for (String lenient : new String[] {"{/**/\"stock\": 1}", "{\"stock\": 1 // one\n}", "{'stock': 1}", "{\"stock\": 1,}",
        "{\"stock\": 1}{}"}) {
      problem(putStock(3, Buffer.buffer(lenient)), 400, "invalid-request");
    }
    assertThat(get("/api/v1/products/3").bodyAsJsonObject().getInteger("stock")).isEqualTo(before);
  }

  @Test
  void aSingleValuedQueryParameterGivenTwiceIs400NamingIt() {
    String[][] cases = {{"/api/v1/product-facets?category=1&category=2", "category"},
        {"/api/v1/products?page=1&page=2", "page"}, {"/api/v1/inventory/stream?lastEventId=1&lastEventId=2", "lastEventId"},
        {"/api/v1/inventory/stream?products=1&products=2", "products"}};
    for (String[] c : cases) {
      JsonObject problem = problem(get(c[0]), 400, "invalid-request");
      assertThat(problem.getString("detail")).as(c[0]).isEqualTo(c[1] + ": must be given at most once");
    }
  }

  @Test
  void pricesThatAreNotWholeCentsAre400NotA500() {
    for (String price : new String[] {"0.001", "12.345", "0"}) {
      problem(t.send(HttpMethod.PATCH, "/api/v1/admin/products/4", Buffer.buffer("{\"price\": " + price + "}"), true),
          400, "invalid-request");
    }
  }

  @Test
  void bodyOverTheLimitIs413() {
    String padding = "x".repeat(4096);
    problem(valid("setProductStock", putStock(3, Buffer.buffer("{\"stock\": 1, \"pad\": \"" + padding + "\"}"))),
        413, "payload-too-large");
  }

  @Test
  void adminRoutesWithoutATokenAre401() {
    problem(t.send(HttpMethod.PUT, "/api/v1/admin/products/3/stock", new JsonObject().put("stock", 1).toBuffer(),
        "not-a-token"), 401, "unauthorized");
    problem(t.send(HttpMethod.PUT, "/api/v1/admin/products/3/stock", new JsonObject().put("stock", 1).toBuffer(), false),
        401, "unauthorized");
  }

  @Test
  void unknownRouteIs404AndWrongMethodIs405() {
    problem(get("/api/v1/nothing-here"), 404, "not-found");
    problem(Contract.checked(HttpMethod.DELETE, "/api/v1/products",
        t.client.request(HttpMethod.DELETE, "/api/v1/products").send().await()), 405, "method-not-allowed");
  }

  @Test
  void oversizedHeaderIs431() {
    NetClient net = t.app.vertx().createNetClient();
    NetSocket socket = net.connect(t.app.port(), "127.0.0.1").await();
    Buffer received = Buffer.buffer();
    var done = io.vertx.core.Promise.<Void>promise();
    socket.handler(received::appendBuffer).closeHandler(v -> done.tryComplete());
    socket.write("GET /api/v1/products/1 HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
    done.future().await();
    String response = received.toString();
    assertThat(response).startsWith("HTTP/1.1 431");
    assertThat(response).contains("application/problem+json").contains("/problems/header-too-large");
    net.close();
  }

  @Test
  void everyOperationInTheContractHasAHandler() {
    RouterBuilder builder = RouterBuilder.create(t.app.vertx(), Contract.get().contract);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiRouter.requireEveryOperationBound(builder))
        .as("an unbound builder is refused").hasMessageContaining("getProduct");
    // The running app passed the same check at start (App.start fails otherwise): every GET
    // operation without parameters answers through its own route.
    for (var op : Contract.get().contract.operations()) {
      String path = op.getOpenAPIPath();
      if (op.getHttpMethod() != HttpMethod.GET || path.contains("{") || !op.getSecurityRequirements().isEmpty()) continue;
      if (path.endsWith("/stream")) continue; // never-ending bodies: the stream tests open them
      assertThat(get(path).statusCode()).as(op.getOperationId()).isEqualTo(200);
    }
  }

  @Test
  void validationMessagesNameOneRulePerFieldAndOnlyFieldsThatBrokeOne() {
    String admin = t.adminToken();
    JsonObject address = new JsonObject().put("name", "A Buyer").put("line1", "1 Street").put("city", "Town")
        .put("postalCode", "12345").put("country", "DE").put("x", 1);
    HttpResponse<Buffer> r = t.client.post("/api/v1/checkout").putHeader("Authorization", "Bearer " + admin)
        .putHeader("Idempotency-Key", "messages-key-000001")
        .sendJsonObject(new JsonObject().put("shippingAddress", address)).await();
    assertThat(problem(r, 400, "invalid-request").getString("detail"))
        .isEqualTo("shippingAddress.x: is not a known field");

    io.vertx.core.json.JsonArray items = new io.vertx.core.json.JsonArray();
    for (int i = 1; i <= 51; i++) items.add(new JsonObject().put("productId", i).put("quantity", 1));
    r = t.send(HttpMethod.PUT, "/api/v1/cart", new JsonObject().put("items", items).toBuffer(), admin);
    assertThat(problem(r, 400, "invalid-request").getString("detail"))
        .isEqualTo("items: must have at most 50 item(s)");

    r = t.send(HttpMethod.PATCH, "/api/v1/admin/products/3", new JsonObject().put("price", -1).toBuffer(), true);
    assertThat(problem(r, 400, "invalid-request").getString("detail")).isEqualTo("price: must be >= 0.01");
  }
}
