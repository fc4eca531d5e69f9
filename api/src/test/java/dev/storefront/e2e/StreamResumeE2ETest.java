package dev.storefront.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.SwitchableProxy;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The page's inventory stream survives a lost connection: it reconnects on its own with the id of
 * the last event it saw, and the change made while it was away is shown (replayed, not refetched).
 */
@ExtendWith(E2eExtension.class)
class StreamResumeE2ETest {
  static final long PRODUCT = 33;

  @Test
  void aDroppedStreamReconnectsWithItsLastEventIdAndShowsWhatItMissed(Storefront shop) throws Exception {
    shop.product(PRODUCT, 50);
    // The browser reaches the API through a relay that can drop every connection, as a restarted
    // load balancer or a lost network would (the browser's own offline switch leaves streams open).
    try (SwitchableProxy relay = new SwitchableProxy(shop.baseUrl());
         Session s = shop.session("StreamResumeE2ETest.aDroppedStreamReconnectsWithItsLastEventIdAndShowsWhatItMissed",
             "http://127.0.0.1:" + relay.port)) {
      List<String> streams = new CopyOnWriteArrayList<>();
      s.page.onRequest(r -> {
        if (r.url().contains("/api/v1/inventory/stream")) streams.add(r.url());
      });
      s.open("/products/" + PRODUCT);
      s.page.waitForCondition(() -> !streams.isEmpty());
      assertThat(streams.get(0)).contains("products=" + PRODUCT).doesNotContain("lastEventId");

      setStock(shop, 41);
      assertThat(s.byTestId("product-stock")).hasAttribute("data-stock", "41");

      relay.down(true);
      setStock(shop, 29);
      s.page.waitForTimeout(500);
      // Nothing reaches the page while the relay is down.
      assertThat(s.byTestId("product-stock")).hasAttribute("data-stock", "41");
      relay.down(false);

      assertThat(s.byTestId("product-stock")).hasAttribute("data-stock", "29");
      assertThat(streams).as("a later connection, resuming after the last event seen")
          .anySatisfy(url -> assertThat(url).containsPattern("lastEventId=\\d+"));
      s.step("resumed");
    }
  }

  private static void setStock(Storefront shop, int stock) {
    var r = shop.app.send(HttpMethod.PUT, "/api/v1/admin/products/" + PRODUCT + "/stock",
        Buffer.buffer(new JsonObject().put("stock", stock).encode()), true);
    if (r.statusCode() != 200) throw new AssertionError("stock answered " + r.statusCode());
  }
}
