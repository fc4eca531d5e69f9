package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every page, signed out and in, passes the basics a keyboard and screen-reader user and a
 * layout-shift budget need (labels, names, alt and sized images, one h1, WCAG AA text contrast,
 * cumulative layout shift at most 0.1), and a route change moves focus to the new page's heading.
 */
@ExtendWith(E2eExtension.class)
class AccessibilityE2ETest {
  static final long PRODUCT = 27;
  static final String LAYOUT_SHIFT = "window.__layoutShift = 0; new PerformanceObserver((list) => list.getEntries()"
      + ".forEach((e) => { if (!e.hadRecentInput) window.__layoutShift += e.value; }))"
      + ".observe({ type: 'layout-shift', buffered: true });";

  @Test
  void everyPagePassesTheAuditAndRouteChangesMoveFocusToTheHeading(Storefront shop, Session s) throws Exception {
    shop.product(PRODUCT, 12);
    String audit = audit();
    s.page.addInitScript(LAYOUT_SHIFT);
    for (String path : List.of("/", "/?q=lamp", "/products/" + PRODUCT, "/signup", "/signin")) {
      assertThat(findings(s, path, audit)).as("signed out, %s", path).isEmpty();
    }

    new Shopper(shop).signIn(s);
    s.open("/products/" + PRODUCT);
    s.byTestId("add-to-cart").click();
    s.byTestId("added-to-cart").waitFor();
    for (String path : List.of("/cart", "/checkout", "/orders", "/profile")) {
      assertThat(findings(s, path, audit)).as("signed in, %s", path).isEmpty();
    }

    // A route change inside the app: focus lands on the new page's heading, so a screen reader
    // announces it and the next Tab starts from there.
    s.byTestId("nav-home").click();
    s.ready();
    assertThat((String) s.page.evaluate("() => document.activeElement.tagName")).isEqualTo("H1");
    s.step("focus-after-navigation");

    // On a freshly loaded page the first Tab reaches a skip link that jumps past the navigation.
    s.page.reload();
    s.ready();
    s.page.keyboard().press("Tab");
    String first = (String) s.page.evaluate("() => document.activeElement.textContent.trim().toLowerCase()");
    assertThat(first).contains("skip");
    String url = s.page.url();
    s.page.keyboard().press("Enter");
    s.page.waitForFunction("() => document.activeElement && document.activeElement.id === 'main'");
    assertThat(s.page.url()).as("the same page, only scrolled to its content").isEqualTo(url + "#main");
    // And it stays there: the move within the page must not re-render it (which would focus the h1).
    s.page.waitForTimeout(1_000);
    assertThat((String) s.page.evaluate("() => document.activeElement.id")).isEqualTo("main");
  }

  private static List<String> findings(Session s, String path, String audit) {
    s.open(path);
    // Layout shift is judged once the images in view have loaded (event streams stay open, so the
    // network never goes idle).
    s.page.waitForFunction("() => [...document.images].filter((i) => i.loading !== 'lazy').every((i) => i.complete)");
    s.step("audit-" + (path.equals("/") ? "listing" : path.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "")));
    @SuppressWarnings("unchecked")
    List<String> found = (List<String>) s.page.evaluate(audit);
    return found;
  }

  private static String audit() throws IOException {
    try (InputStream in = AccessibilityE2ETest.class.getResourceAsStream("/e2e/page-audit.js")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
