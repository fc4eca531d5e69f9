package dev.storefront.e2e;

import com.microsoft.playwright.Page;
import dev.storefront.support.Contract;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A customer of the suite: signs up or in through the pages like a person, and reads the same
 * account through the API (its own sign-in) to compare what the pages show with what the API says.
 */
final class Shopper {
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final String email = "e2e-" + System.currentTimeMillis() + "-" + COUNT.incrementAndGet() + "@example.test";
  final String password = "a long e2e passphrase 42";
  final String name = "Ada E2E";
  private final Storefront shop;
  private String token;

  Shopper(Storefront shop) {
    this.shop = shop;
  }

  /** Fills in and submits the sign-up page; waits until the pages show a signed-in visitor. */
  Shopper signUp(Session s) {
    s.open("/signup");
    s.byTestId("signup-email").fill(email);
    s.byTestId("signup-password").fill(password);
    s.byTestId("signup-name").fill(name);
    s.byTestId("signup-submit").click();
    s.byTestId("nav-signout").waitFor();
    return this;
  }

  /** An account made through the API, then signed in through the sign-in page. */
  Shopper signIn(Session s) {
    var r = shop.app.send(HttpMethod.POST, "/api/v1/auth/signup", new JsonObject().put("email", email)
        .put("password", password).put("displayName", name).toBuffer(), (String) null);
    if (r.statusCode() != 201) throw new AssertionError("signup answered " + r.statusCode() + " " + r.bodyAsString());
    s.open("/signin");
    s.byTestId("signin-email").fill(email);
    s.byTestId("signin-password").fill(password);
    s.byTestId("signin-submit").click();
    s.byTestId("nav-signout").waitFor();
    return this;
  }

  /** GET as this shopper through the API (a sign-in of its own), checked against the contract. */
  JsonObject get(String uri) {
    var r = shop.app.client.get(uri).putHeader("Authorization", "Bearer " + token()).send().await();
    HttpResponse<Buffer> checked = Contract.checked(HttpMethod.GET, uri, r);
    if (checked.statusCode() != 200) throw new AssertionError(uri + " answered " + r.statusCode() + " " + r.bodyAsString());
    return checked.bodyAsJsonObject();
  }

  HttpResponse<Buffer> send(HttpMethod method, String uri, JsonObject body, Map<String, String> headers) {
    var request = shop.app.client.request(method, uri).putHeader("Authorization", "Bearer " + token())
        .putHeader("Content-Type", "application/json");
    headers.forEach(request::putHeader);
    return Contract.checked(method, uri, request.sendBuffer(body.toBuffer()).await());
  }

  /** An order placed through the API: one product in the cart, then checkout. */
  JsonObject orderThroughApi(long productId, int quantity) {
    var put = send(HttpMethod.PUT, "/api/v1/cart/items/" + productId, new JsonObject().put("quantity", quantity), Map.of());
    if (put.statusCode() != 200) throw new AssertionError("cart answered " + put.statusCode() + " " + put.bodyAsString());
    JsonObject address = new JsonObject().put("name", name).put("line1", "12 St James's Square").put("city", "London")
        .put("postalCode", "SW1Y 4JH").put("country", "GB");
    var r = send(HttpMethod.POST, "/api/v1/checkout", new JsonObject().put("shippingAddress", address),
        Map.of("Idempotency-Key", "e2e-" + System.nanoTime()));
    if (r.statusCode() != 201) throw new AssertionError("checkout answered " + r.statusCode() + " " + r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  /**
   * Pays an order on the provider's page the way a browser submits its form (in another tab, say):
   * the provider signs and delivers the event, then answers with its redirect back to the shop.
   */
  int payOnProviderPage(JsonObject order) throws Exception {
    Map<String, String> form = Map.of("reference", order.getJsonObject("payment").getString("reference"),
        "order", order.getLong("id").toString(), "amount", order.getLong("totalCents").toString(),
        "currency", order.getString("currency"), "return", shop.baseUrl() + "/orders/" + order.getLong("id"),
        "outcome", "succeeded");
    String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return HTTP.send(HttpRequest.newBuilder(URI.create(shop.payments.pageUrl())).timeout(Duration.ofSeconds(15))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private synchronized String token() {
    if (token == null) {
      var r = shop.app.login(email, password);
      if (r.statusCode() != 200) throw new AssertionError("login answered " + r.statusCode() + " " + r.bodyAsString());
      token = r.bodyAsJsonObject().getString("accessToken");
    }
    return token;
  }

  /** Marks the page so a later check can tell it was not reloaded. */
  static void mark(Page page) {
    page.evaluate("() => { window.__e2eSamePage = true; }");
  }

  static boolean sameDocument(Page page) {
    return Boolean.TRUE.equals(page.evaluate("() => window.__e2eSamePage === true"));
  }
}
