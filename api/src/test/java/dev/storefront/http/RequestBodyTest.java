package dev.storefront.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Contract;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What every operation that takes a body does with its media type and with a key sent twice. */
class RequestBodyTest {
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("request_bodies", Map.of());
    t.adminToken(); // creates the admin account the tests sign in as
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  /**
   * An operation that takes a body the router validates, with its path parameters filled in (the
   * error tunnel's envelopes are read by its own handler, which has its own 415).
   */
  record Operation(HttpMethod method, String uri, List<String> types) {}

  static List<Operation> withBodies() {
    List<Operation> out = new ArrayList<>();
    JsonObject paths = Contract.get().raw.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!(item.getValue(method) instanceof JsonObject op) || op.getJsonObject("requestBody") == null) continue;
        HttpMethod verb = HttpMethod.valueOf(method.toUpperCase());
        String uri = path.replaceAll("\\{[^}]+}", "1");
        if (Contract.get().contract.findOperation(uri, verb).getRequestBody() == null) continue;
        List<String> types = List.copyOf(op.getJsonObject("requestBody").getJsonObject("content").fieldNames());
        out.add(new Operation(verb, uri, types));
      }
    }
    return out;
  }

  HttpResponse<Buffer> send(HttpMethod method, String uri, String contentType, String body) {
    // As an admin: an upload's own checks start once its caller may upload (401 before anything else).
    var request = t.client.request(method, uri).putHeader("Authorization", "Bearer " + t.adminToken());
    if (contentType != null) request.putHeader("Content-Type", contentType);
    return Contract.checked(method, uri, request.sendBuffer(Buffer.buffer(body)).await());
  }

  @Test
  void aBodyInAnUndeclaredMediaTypeIs415WhereverItIsSent() {
    List<Operation> operations = withBodies();
    assertThat(operations).hasSizeGreaterThan(10);
    for (Operation op : operations) {
      String sent = op.types().contains("text/plain") ? "application/xml" : "text/plain";
      for (String type : new String[] {sent, null, "application/jsonx", "application/merge-patch+json"}) {
        HttpResponse<Buffer> r = send(op.method(), op.uri(), type, "{}");
        String label = op.method() + " " + op.uri() + " as " + type;
        assertThat(r.statusCode()).as(label).isEqualTo(415);
        assertThat(r.getHeader("Content-Type")).as(label).isEqualTo("application/problem+json");
        assertThat(r.bodyAsJsonObject().getString("type")).as(label).isEqualTo("/problems/unsupported-media-type");
        assertThat(r.getHeader("X-Content-Type-Options")).as(label).isEqualTo("nosniff");
        if (op.method() == HttpMethod.POST) {
          assertThat(r.getHeader("Accept-Post")).as(label).isEqualTo(String.join(", ", op.types()));
        }
        if (op.method() == HttpMethod.PATCH) {
          assertThat(r.getHeader("Accept-Patch")).as(label).isEqualTo(String.join(", ", op.types()));
        }
      }
    }
  }

  @Test
  void mediaTypesMatchWhateverTheirCaseAndParameters() {
    String login = new JsonObject().put("email", TestApp.ADMIN_EMAIL).put("password", TestApp.ADMIN_PASSWORD).encode();
    for (String type : new String[] {"application/json", "Application/JSON; charset=UTF-8", "APPLICATION/json;charset=utf-8",
        " application/json ; charset=\"utf-8\""}) {
      HttpResponse<Buffer> r = send(HttpMethod.POST, "/api/v1/auth/login", type, login);
      assertThat(r.statusCode()).as(type).isEqualTo(200);
      assertThat(r.bodyAsJsonObject().getString("accessToken")).as(type).isNotBlank();
    }
    // and the body is still validated under that spelling
    HttpResponse<Buffer> invalid = send(HttpMethod.POST, "/api/v1/auth/login", "Application/Json", "{\"email\":1}");
    assertThat(invalid.statusCode()).isEqualTo(400);
  }

  @Test
  void aKeySentTwiceIsA400NamingItOnEveryJsonOperation() {
    for (Operation op : withBodies()) {
      if (!op.types().contains("application/json")) continue;
      String label = op.method() + " " + op.uri();
      HttpResponse<Buffer> r = send(op.method(), op.uri(), "application/json",
          "{\"email\":\"a@example.com\",\"email\":\"b@example.com\"}");
      assertThat(r.statusCode()).as(label).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("detail")).as(label).startsWith("email: ").contains("more than once");
    }
    HttpResponse<Buffer> nested = send(HttpMethod.PUT, "/api/v1/cart", "application/json",
        "{\"items\":[{\"productId\":1,\"quantity\":1,\"quantity\":5}]}");
    assertThat(nested.statusCode()).isEqualTo(400);
    assertThat(nested.bodyAsJsonObject().getString("detail")).startsWith("items[0].quantity: ");
    // the same key in two objects is not a duplicate
    HttpResponse<Buffer> login = send(HttpMethod.POST, "/api/v1/auth/login", "application/json",
        new JsonObject().put("email", TestApp.ADMIN_EMAIL).put("password", TestApp.ADMIN_PASSWORD).encode());
    assertThat(login.statusCode()).isEqualTo(200);
  }

  @Test
  void aBodyWithAContentCodingIs415WhereverItIsSentAndSaysWhichCodingIsTaken() throws Exception {
    java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
      gzip.write("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    for (Operation op : withBodies()) {
      for (String coding : new String[] {"gzip", "br", "GZIP, identity"}) {
        var request = t.client.request(op.method(), op.uri()).putHeader("Authorization", "Bearer " + t.adminToken())
            .putHeader("Content-Type", op.types().get(0)).putHeader("Content-Encoding", coding);
        Buffer body = coding.equals("gzip") ? Buffer.buffer(zipped.toByteArray()) : Buffer.buffer("{}");
        HttpResponse<Buffer> r = Contract.checked(op.method(), op.uri(), request.sendBuffer(body).await());
        String label = op.method() + " " + op.uri() + " coded " + coding;
        assertThat(r.statusCode()).as(label).isEqualTo(415);
        assertThat(r.getHeader("Accept-Encoding")).as(label).isEqualTo("identity");
        assertThat(r.bodyAsJsonObject().getString("detail")).as(label).contains("content coding");
      }
    }
    String login = new JsonObject().put("email", TestApp.ADMIN_EMAIL).put("password", TestApp.ADMIN_PASSWORD).encode();
    HttpResponse<Buffer> identity = t.client.post("/api/v1/auth/login").putHeader("Content-Type", "application/json")
        .putHeader("Content-Encoding", "identity").sendBuffer(Buffer.buffer(login)).await();
    assertThat(identity.statusCode()).as("identity is no coding").isEqualTo(200);
  }

  @Test
  void aSingleValuedHeaderSentOnTwoLinesIsA400NamingItAndChangesNothing() {
    String login = new JsonObject().put("email", TestApp.ADMIN_EMAIL).put("password", TestApp.ADMIN_PASSWORD).encode();
    var twoTypes = t.client.post("/api/v1/auth/login");
    twoTypes.headers().add("Content-Type", "application/json").add("Content-Type", "application/json");
    HttpResponse<Buffer> r = twoTypes.sendBuffer(Buffer.buffer(login)).await();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("detail")).startsWith("Content-Type: ");

    String admin = "Bearer " + t.adminToken();
    assertThat(t.client.put("/api/v1/cart/items/3").putHeader("Authorization", admin)
        .sendJsonObject(new JsonObject().put("quantity", 1)).await().statusCode()).isEqualTo(200);
    var twoKeys = t.client.post("/api/v1/checkout").putHeader("Authorization", admin)
        .putHeader("Content-Type", "application/json");
    twoKeys.headers().add("Idempotency-Key", "checkout-key-one-1").add("Idempotency-Key", "checkout-key-two-2");
    r = twoKeys.sendBuffer(Buffer.buffer(new JsonObject().put("shippingAddress", new JsonObject()
        .put("name", "A Buyer").put("line1", "1 Street").put("city", "Town").put("postalCode", "12345")
        .put("country", "DE")).encode())).await();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("detail")).startsWith("Idempotency-Key: ");
    JsonObject cart = t.client.get("/api/v1/cart").putHeader("Authorization", admin).send().await().bodyAsJsonObject();
    assertThat(cart.getJsonArray("items")).as("nothing was ordered").hasSize(1);

    var twoIds = t.client.get("/api/v1/inventory/stream").timeout(5_000);
    twoIds.headers().add("Last-Event-ID", "1").add("Last-Event-ID", "2");
    assertThat(twoIds.send().await().statusCode()).isEqualTo(400);
  }
}
