package dev.storefront.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With the network gone, a product page seen before still renders; one never seen says it is offline. */
@ExtendWith(E2eExtension.class)
class OfflineE2ETest {
  static final long VISITED = 24;
  static final long UNVISITED = 25;

  @Test
  void aVisitedProductRendersOfflineAndAnUnvisitedOneShowsTheOfflineMessage(Storefront shop, Session s) {
    JsonObject visited = shop.product(VISITED, 30);
    JsonObject unvisited = shop.product(UNVISITED, 30);

    // First visit installs the service worker; the product is then visited under its control.
    s.open("/");
    s.page.evaluate("() => navigator.serviceWorker.ready.then(() => true)");
    s.open("/products/" + VISITED);
    assertThat(s.byTestId("product-name")).hasText(visited.getString("name"));
    assertThat((Boolean) s.page.evaluate("() => navigator.serviceWorker.controller !== null")).isTrue();

    s.context.setOffline(true);
    try {
      s.page.reload();
      assertThat(s.byTestId("product-name")).hasText(visited.getString("name"));
      assertThat((Boolean) s.page.evaluate("() => navigator.onLine")).as("the browser is offline").isFalse();
      s.step("visited-product-offline");

      s.page.navigate("/products/" + UNVISITED);
      assertThat(s.page.locator("body")).containsText(Pattern.compile("offline", Pattern.CASE_INSENSITIVE));
      assertThat(s.page.locator("body")).not().containsText(unvisited.getString("name"));
      s.step("unvisited-product-offline");
    } finally {
      s.context.setOffline(false);
    }
  }
}
