package dev.storefront.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A shopper's whole visit in Chromium, from sign-up to the points of two paid orders. */
@ExtendWith(E2eExtension.class)
class JourneyE2ETest {
  static final long PRODUCT = 21;

  @Test
  void aNewShopperFindsBuysAndPaysAndSeesOrderAndPointsUpdateLive(Storefront shop, Session s) throws Exception {
    JsonObject product = shop.product(PRODUCT, 40);
    Shopper ada = new Shopper(shop).signUp(s);
    s.step("signed-up");

    s.byTestId("nav-home").click();
    s.page.waitForURL(shop.baseUrl() + "/");
    s.ready();
    assertThat(s.byTestId("product-card").first()).isVisible();
    var firstImage = s.byTestId("product-card").first().locator("img");
    firstImage.scrollIntoViewIfNeeded();
    s.page.waitForFunction("(img) => img.complete", firstImage.elementHandle());
    assertThat((Integer) firstImage.evaluate("(img) => img.naturalWidth")).as("the product image loaded").isPositive();
    s.step("listing");

    s.byTestId("search-input").fill(product.getString("name"));
    s.byTestId("search-submit").click();
    var card = s.page.locator("[data-testid=product-card][data-product-id='" + PRODUCT + "']");
    assertThat(card).isVisible();
    assertThat(s.byTestId("result-count")).containsText(Pattern.compile("[0-9]"));
    s.step("search");

    card.locator("a[href$='/products/" + PRODUCT + "']").first().click();
    s.page.waitForURL("**/products/" + PRODUCT);
    assertThat(s.byTestId("product-name")).hasText(product.getString("name"));
    assertThat(s.byTestId("product-stock")).hasAttribute("data-stock", "40");
    s.step("product");

    s.byTestId("quantity").fill("2");
    s.byTestId("add-to-cart").click();
    assertThat(s.byTestId("added-to-cart")).isVisible();
    assertThat(s.byTestId("cart-count")).hasText("2");
    JsonObject cart = ada.get("/api/v1/cart");
    assertThat(cart.getJsonArray("items")).hasSize(1);
    assertThat(cart.getJsonArray("items").getJsonObject(0).getLong("productId")).isEqualTo(PRODUCT);
    assertThat(cart.getJsonArray("items").getJsonObject(0).getInteger("quantity")).isEqualTo(2);

    s.byTestId("nav-cart").click();
    s.page.waitForURL("**/cart");
    assertThat(s.page.locator("[data-testid=cart-line][data-product-id='" + PRODUCT + "']")).isVisible();
    assertThat(digits(s.byTestId("cart-total").innerText())).isEqualTo(Long.toString(cart.getLong("totalCents")));
    s.step("cart");

    s.byTestId("checkout").click();
    s.page.waitForURL("**/checkout");
    s.byTestId("address-name").fill("Ada Lovelace");
    s.byTestId("address-line1").fill("12 St James's Square");
    s.byTestId("address-city").fill("London");
    s.byTestId("address-postal-code").fill("SW1Y 4JH");
    s.byTestId("address-country").fill("GB");
    s.step("checkout");
    s.byTestId("place-order").click();
    s.page.waitForURL(Pattern.compile(".*/orders/[0-9]+$"));
    long orderId = Long.parseLong(s.page.url().replaceAll(".*/orders/", ""));
    assertThat(s.byTestId("order-status")).hasAttribute("data-status", "awaiting_payment");
    JsonObject order = ada.get("/api/v1/orders/" + orderId);
    assertThat(order.getLong("totalCents")).isEqualTo(cart.getLong("totalCents"));
    assertThat(ada.get("/api/v1/products/" + PRODUCT).getInteger("stock")).isEqualTo(38);
    s.step("order-awaiting-payment");

    // A second tab on the same order shows the payment arrive without being reloaded.
    Page watcher = s.newPage();
    watcher.navigate(shop.baseUrl() + "/orders/" + orderId);
    assertThat(watcher.getByTestId("order-status")).hasAttribute("data-status", "awaiting_payment");
    Shopper.mark(watcher);

    s.byTestId("pay").click();
    s.page.waitForURL(shop.payments.pageUrl() + "?**");
    assertThat(s.page.getByTestId("provider-order")).hasText(Long.toString(orderId));
    assertThat(digits(s.page.getByTestId("provider-amount").innerText())).isEqualTo(Long.toString(order.getLong("totalCents")));
    s.step("provider-page");
    s.page.getByTestId("provider-pay").click();

    s.page.waitForURL(shop.baseUrl() + "/orders/" + orderId);
    assertThat(s.byTestId("order-status")).hasAttribute("data-status", "paid");
    assertThat(ada.get("/api/v1/orders/" + orderId).getString("status")).isEqualTo("paid");
    s.step("order-paid");
    assertThat(watcher.getByTestId("order-status")).hasAttribute("data-status", "paid");
    assertThat(Shopper.sameDocument(watcher)).as("the second tab was updated in place, not reloaded").isTrue();
    s.step(watcher, "order-paid-live-tab");

    s.byTestId("nav-profile").click();
    s.page.waitForURL("**/profile");
    JsonObject me = ada.get("/api/v1/me");
    assertThat(me.getInteger("points")).isPositive();
    assertThat(s.byTestId("points-balance")).hasAttribute("data-points", me.getInteger("points").toString());
    assertThat(s.byTestId("points-badge")).containsText(me.getJsonObject("badge").getString("name"));
    assertThat(s.byTestId("badge-progress")).isVisible();
    s.step("profile");

    // A second order, paid on the provider's page elsewhere while the profile stays open.
    Shopper.mark(s.page);
    JsonObject second = ada.orderThroughApi(PRODUCT, 3);
    assertThat(ada.payOnProviderPage(second)).isEqualTo(303);
    int after = ada.get("/api/v1/me").getInteger("points");
    assertThat(after).isGreaterThan(me.getInteger("points"));
    assertThat(s.byTestId("points-balance")).hasAttribute("data-points", Integer.toString(after));
    assertThat(Shopper.sameDocument(s.page)).as("the profile was updated in place, not reloaded").isTrue();
    s.step("profile-points-live");
  }

  /** The digits of a displayed amount ("€1,234.50" -> "123450"): compared with the API's cents. */
  static String digits(String text) {
    return text.replaceAll("[^0-9]", "");
  }
}
