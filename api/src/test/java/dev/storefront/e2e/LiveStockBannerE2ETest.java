package dev.storefront.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.App;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An admin's stock change reaches an open product page as the live banner within 1 s (the target;
 * the first ask was 5 s), on the instance that made the change and on another one; the measured
 * delays go to banner-delay.txt.
 */
@ExtendWith(E2eExtension.class)
class LiveStockBannerE2ETest {
  static final long PRODUCT = 22;
  static final double LIMIT_MS = 1_000;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void aStockChangeShowsTheBannerWithinASecondOnEveryInstance(Storefront shop, Session s) throws Exception {
    JsonObject product = shop.product(PRODUCT, 100);
    List<String> report = new ArrayList<>();

    s.open("/products/" + PRODUCT);
    assertThat(s.byTestId("product-name")).hasText(product.getString("name"));
    report.add(measure(shop, s, product, 77, "same instance (page and change on A)"));
    s.step("product-with-banner");

    App b = shop.startSibling();
    try (Session onB = shop.session("LiveStockBannerE2ETest.aStockChangeShowsTheBannerWithinASecondOnEveryInstance"
        + "-instanceB", "http://127.0.0.1:" + b.port())) {
      onB.open("/products/" + PRODUCT);
      assertThat(onB.byTestId("product-stock")).hasAttribute("data-stock", "77");
      report.add(measure(shop, onB, product, 63, "cross instance (page on B, change on A)"));
      onB.step("product-with-banner-instance-b");
    } finally {
      b.close().await();
    }

    String text = String.join("\n", report) + "\n";
    Files.writeString(E2eExtension.output().resolve("banner-delay.txt"), text);
    System.out.print(text);
  }

  /** Changes the stock through instance A's admin API and times the banner on the session's page. */
  private static String measure(Storefront shop, Session s, JsonObject product, int stock, String label) throws Exception {
    StockBanner.watch(s.page, PRODUCT, stock);
    HttpRequest change = HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/v1/admin/products/" + PRODUCT + "/stock"))
        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + shop.app.adminToken())
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(new JsonObject().put("stock", stock).encode())).build();
    long sent = System.currentTimeMillis();
    HttpResponse<String> answer = HTTP.send(change, HttpResponse.BodyHandlers.ofString());
    long answered = System.currentTimeMillis();
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    double seenInPage = StockBanner.seenAt(s.page, 10_000);
    long seenByTest = System.currentTimeMillis();
    double delay = seenInPage - answered;

    var banner = s.page.locator("[data-testid=stock-banner][data-product-id='" + PRODUCT + "']");
    assertThat(banner).containsText(product.getString("name"));
    assertThat(banner).containsText(Integer.toString(stock));
    assertThat(banner).hasAttribute("role", "status");
    assertThat(s.byTestId("product-stock")).hasAttribute("data-stock", Integer.toString(stock));
    assertThat(delay).as("%s: ms from the admin answer to the banner", label).isLessThan(LIMIT_MS);
    assertThat(seenInPage - sent).as("%s: ms from the admin request to the banner", label).isLessThan(LIMIT_MS);
    // Page and test read the same wall clock; the banner can beat the answer back to the test.
    return String.format("%s: banner visible %.0f ms after the admin answer (%.0f ms after the request was sent; "
        + "the test saw it %d ms after the answer)", label, delay, seenInPage - sent, seenByTest - answered);
  }
}
