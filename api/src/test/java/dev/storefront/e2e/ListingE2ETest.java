package dev.storefront.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The listing's controls show what the API answers for them: pages, sort, category, the facets'
 * counts and a price band from them; and the orders page lists a shopper's orders.
 */
@ExtendWith(E2eExtension.class)
class ListingE2ETest {

  @Test
  void pagesSortCategoryAndFacetsShowWhatTheApiAnswers(Storefront shop, Session s) {
    s.open("/");
    assertThat(shownIds(s)).isEqualTo(apiIds(shop, "size=20"));

    s.byTestId("next-page").click();
    s.page.waitForURL("**/?page=2");
    s.ready();
    assertThat(shownIds(s)).isEqualTo(apiIds(shop, "page=2&size=20"));
    s.step("page-2");

    s.byTestId("sort").selectOption("price_asc");
    s.page.waitForURL("**/?sort=price_asc");
    s.ready();
    assertThat(shownIds(s)).isEqualTo(apiIds(shop, "sort=price_asc&size=20"));

    s.byTestId("category-filter").selectOption("3");
    s.page.waitForURL("**/?category=3&sort=price_asc");
    s.ready();
    JsonObject listing = api(shop, "/api/v1/products?category=3&sort=price_asc&size=20");
    assertThat(shownIds(s)).isEqualTo(ids(listing));
    assertThat(s.byTestId("result-count")).containsText(Long.toString(listing.getLong("total")));
    JsonObject facets = api(shop, "/api/v1/product-facets?category=3");
    Locator panel = s.byTestId("facets");
    assertThat(panel).containsText(facets.getLong("inStock") + " of " + facets.getLong("total") + " in stock");
    s.step("category-sorted-with-facets");

    // The first non-empty price band narrows the listing to its range.
    JsonObject band = facets.getJsonArray("prices").stream().map(JsonObject.class::cast)
        .filter(b -> b.getLong("count") > 0).findFirst().orElseThrow();
    panel.locator("a[href*='minPrice=']").first().click();
    s.page.waitForURL("**minPrice=**");
    s.ready();
    String query = s.page.url().substring(s.page.url().indexOf('?') + 1);
    assertThat(query).contains("category=3").contains("sort=price_asc");
    JsonObject narrowed = api(shop, "/api/v1/products?" + query + "&size=20");
    assertThat(narrowed.getLong("total")).isEqualTo(band.getLong("count"));
    assertThat(shownIds(s)).isEqualTo(ids(narrowed));
    s.step("price-band");
  }

  @Test
  void theOrdersPageListsTheShoppersOrdersAndOpensOne(Storefront shop, Session s) {
    Shopper ada = new Shopper(shop).signIn(s);
    shop.product(31, 20);
    long first = ada.orderThroughApi(31, 1).getLong("id");
    long second = ada.orderThroughApi(31, 2).getLong("id");

    s.byTestId("nav-orders").click();
    s.page.waitForURL("**/orders");
    s.ready();
    List<String> rows = s.byTestId("order-row").all().stream().map(r -> r.getAttribute("data-order-id")).toList();
    assertThat(rows).containsExactly(Long.toString(second), Long.toString(first));
    s.step("orders");

    s.page.locator("[data-testid=order-row][data-order-id='" + first + "'] a").click();
    s.page.waitForURL("**/orders/" + first);
    s.ready();
    assertThat(s.byTestId("order-status")).hasAttribute("data-status", "awaiting_payment");
  }

  private static List<Long> shownIds(Session s) {
    return s.byTestId("product-card").all().stream().map(c -> Long.parseLong(c.getAttribute("data-product-id"))).toList();
  }

  private static JsonObject api(Storefront shop, String uri) {
    var r = shop.app.get(uri);
    if (r.statusCode() != 200) throw new AssertionError(uri + " answered " + r.statusCode());
    return r.bodyAsJsonObject();
  }

  private static List<Long> apiIds(Storefront shop, String query) {
    return ids(api(shop, "/api/v1/products?" + query));
  }

  private static List<Long> ids(JsonObject listing) {
    JsonArray items = listing.getJsonArray("items");
    return items.stream().map(JsonObject.class::cast).map(i -> i.getLong("id")).toList();
  }
}
