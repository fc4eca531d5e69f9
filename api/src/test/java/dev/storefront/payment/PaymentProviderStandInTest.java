package dev.storefront.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.PaymentProvider;
import dev.storefront.support.ProviderSigner;
import dev.storefront.support.Shoppers;
import dev.storefront.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hosted payment page stand-in of the dev run and the browser suite, against the real webhook. */
class PaymentProviderStandInTest {
  static final String SECRET = "whsec_provider_stand_in_test";
  static PaymentProvider provider;
  static TestApp t;
  static Shoppers shoppers;
  static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    provider = PaymentProvider.start(ProviderSigner.of(SECRET));
    t = TestApp.start("provider_stand_in", Map.of("PAYMENT_WEBHOOK_SECRET", SECRET, "PAYMENT_PAGE_URL", provider.pageUrl()));
    provider.serve(t.app.port());
    shoppers = new Shoppers(t);
  }

  @AfterAll
  static void stop() throws Exception {
    shoppers.close();
    t.close();
    provider.close();
  }

  @Test
  void payingSignsASucceededEventTheApiAcceptsAndReturnsToTheShop() throws Exception {
    var shopper = shoppers.one();
    JsonObject order = order(shopper, "pay");
    Map<String, String> fields = fields(order, "http://127.0.0.1:" + t.app.port() + "/orders/" + order.getLong("id"));

    HttpResponse<String> page = get(fields);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("data-testid=\"provider-pay\"", "data-testid=\"provider-decline\"",
        ">" + order.getLong("id") + "<", String.format("%d.%02d", order.getLong("totalCents") / 100, order.getLong("totalCents") % 100));

    HttpResponse<String> paid = post(fields, "succeeded");
    assertThat(paid.statusCode()).isEqualTo(303);
    assertThat(paid.headers().firstValue("Location")).hasValue(fields.get("return"));
    assertThat(status(shopper, order)).isEqualTo("paid");
    assertThat(provider.deliveries()).anySatisfy(d -> {
      assertThat(d.orderId()).isEqualTo(order.getLong("id"));
      assertThat(d.succeeded()).isTrue();
      assertThat(d.webhookStatus()).isEqualTo(200);
    });
  }

  @Test
  void decliningCancelsTheOrder() throws Exception {
    var shopper = shoppers.one();
    JsonObject order = order(shopper, "decline");
    HttpResponse<String> declined = post(fields(order, "http://localhost:" + t.app.port() + "/orders/" + order.getLong("id")), "declined");
    assertThat(declined.statusCode()).isEqualTo(303);
    assertThat(status(shopper, order)).isEqualTo("cancelled");
  }

  @Test
  void refusesToReturnAnywhereButTheShopAndSendsNothingThen() throws Exception {
    var shopper = shoppers.one();
    JsonObject order = order(shopper, "redirect");
    for (String target : new String[] {"https://evil.example/orders/1", "http://127.0.0.1:1/orders/1",
        "//evil.example/x", "javascript:alert(1)", "http://user@127.0.0.1:" + t.app.port() + "/"}) {
      Map<String, String> fields = fields(order, target);
      assertThat(get(fields).statusCode()).as("page for return=%s", target).isEqualTo(400);
      HttpResponse<String> refused = post(fields, "succeeded");
      assertThat(refused.statusCode()).as("pay for return=%s", target).isEqualTo(400);
      assertThat(refused.body()).contains("return");
    }
    assertThat(status(shopper, order)).isEqualTo("awaiting_payment");
  }

  @Test
  void aReferenceTheShopDoesNotKnowIsNotConfirmed() throws Exception {
    var shopper = shoppers.one();
    JsonObject order = order(shopper, "unknown-ref");
    Map<String, String> fields = new java.util.HashMap<>(fields(order, "http://127.0.0.1:" + t.app.port() + "/orders/1"));
    fields.put("reference", "pi_nobodyknowsthisone");
    HttpResponse<String> r = post(fields, "succeeded");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
    assertThat(status(shopper, order)).isEqualTo("awaiting_payment");
  }

  private static JsonObject order(Shoppers.Shopper shopper, String key) {
    shoppers.putItem(shopper, 3, 1);
    var r = shoppers.checkout(shopper, key + "-" + shopper.id());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  private static String status(Shoppers.Shopper shopper, JsonObject order) {
    return shoppers.get(shopper, "/api/v1/orders/" + order.getLong("id")).bodyAsJsonObject().getString("status");
  }

  private static Map<String, String> fields(JsonObject order, String returnUrl) {
    return Map.of("reference", order.getJsonObject("payment").getString("reference"),
        "order", order.getLong("id").toString(), "amount", order.getLong("totalCents").toString(),
        "currency", order.getString("currency"), "return", returnUrl);
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
  }

  private static HttpResponse<String> get(Map<String, String> fields) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(provider.pageUrl() + "?" + form(fields)))
        .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(Map<String, String> fields, String outcome) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(provider.pageUrl())).timeout(Duration.ofSeconds(15))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(fields) + "&outcome=" + outcome)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
