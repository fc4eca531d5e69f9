package dev.storefront.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Turning a flag off in the flags file takes its feature off an open page, and turning it on brings
 * it back, without a reload (the instance re-reads the file every 200 ms here, the page the flags
 * every second).
 */
@ExtendWith(E2eExtension.class)
class FlagsE2ETest {
  static final long PRODUCT = 23;

  @Test
  void pointsBadgeFollowsTheFlagsFileWithoutReload(Storefront shop, Session s) {
    new Shopper(shop).signIn(s);
    try {
      s.open("/profile");
      assertThat(s.byTestId("points-badge")).isVisible();
      Shopper.mark(s.page);

      shop.flags.set("pointsBadge", false);
      assertThat(s.byTestId("points-badge")).not().isVisible();
      assertThat(s.byTestId("badge-progress")).not().isVisible();
      assertThat(s.byTestId("points-balance")).isVisible();
      s.step("badge-off");

      shop.flags.set("pointsBadge", true);
      assertThat(s.byTestId("points-badge")).isVisible();
      assertThat(s.byTestId("badge-progress")).isVisible();
      assertThat(Shopper.sameDocument(s.page)).as("same page throughout, never reloaded").isTrue();
      s.step("badge-on");
    } finally {
      shop.flags.set("pointsBadge", true);
    }
  }

  @Test
  void liveStockBannerFollowsTheFlagsFileWithoutReload(Storefront shop, Session s) {
    JsonObject product = shop.product(PRODUCT, 200);
    try {
      s.open("/products/" + PRODUCT);
      assertThat(s.byTestId("product-name")).hasText(product.getString("name"));
      Shopper.mark(s.page);
      var banner = s.page.locator("[data-testid=stock-banner][data-product-id='" + PRODUCT + "']");

      shop.app.setStock(PRODUCT, 150);
      assertThat(banner).isVisible();
      assertThat(banner).containsText("150");

      shop.flags.set("liveStockBanner", false);
      assertThat(banner).not().isVisible();
      // The change still arrives (the stock figure follows it); only the banner stays away.
      shop.app.setStock(PRODUCT, 120);
      assertThat(s.byTestId("product-stock")).hasAttribute("data-stock", "120");
      s.page.waitForTimeout(500);
      assertThat(StockBanner.visible(s.page, PRODUCT)).as("banner while liveStockBanner is off").isFalse();
      s.step("banner-flag-off");

      shop.flags.set("liveStockBanner", true);
      // The banner's region comes back (empty) once the page has read the flag; then a change shows in it.
      s.page.waitForFunction("() => { const b = document.querySelector('[data-testid=stock-banner]');"
          + " return b !== null && !b.hidden; }", null, new Page.WaitForFunctionOptions().setTimeout(10_000));
      shop.app.setStock(PRODUCT, 90);
      assertThat(banner).isVisible();
      assertThat(banner).containsText("90");
      assertThat(Shopper.sameDocument(s.page)).as("same page throughout, never reloaded").isTrue();
      s.step("banner-flag-on");
    } finally {
      shop.flags.set("liveStockBanner", true);
    }
  }
}
