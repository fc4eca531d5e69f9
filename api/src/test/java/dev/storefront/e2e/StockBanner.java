package dev.storefront.e2e;

import com.microsoft.playwright.Page;
import java.util.List;

/** Watches a page for the live stock banner naming a product's new stock, timed inside the page. */
final class StockBanner {
  private StockBanner() {}

  /** The banner for this product and stock, shown and not hidden (a MutationObserver notes when). */
  private static final String WATCH = """
      ([id, stock]) => {
        window.__bannerSeenAt = null;
        const shown = () => {
          const b = document.querySelector(`[data-testid=stock-banner][data-product-id="${id}"]`);
          return b && !b.hidden && b.getClientRects().length > 0 && getComputedStyle(b).visibility !== 'hidden'
            && b.textContent.includes(String(stock));
        };
        if (shown()) throw new Error('the banner already shows stock ' + stock);
        const observer = new MutationObserver(() => {
          if (shown()) { window.__bannerSeenAt = performance.timeOrigin + performance.now(); observer.disconnect(); }
        });
        observer.observe(document.documentElement, {subtree: true, childList: true, attributes: true, characterData: true});
      }
      """;

  static void watch(Page page, long productId, int stock) {
    page.evaluate(WATCH, List.of(Long.toString(productId), stock));
  }

  /** When the page saw the banner (epoch ms, fractional), waiting up to {@code timeoutMs}. */
  static double seenAt(Page page, double timeoutMs) {
    page.waitForFunction("() => window.__bannerSeenAt !== null", null,
        new Page.WaitForFunctionOptions().setTimeout(timeoutMs).setPollingInterval(20));
    return ((Number) page.evaluate("() => window.__bannerSeenAt")).doubleValue();
  }

  static boolean visible(Page page, long productId) {
    return Boolean.TRUE.equals(page.evaluate("""
        (id) => { const b = document.querySelector(`[data-testid=stock-banner][data-product-id="${id}"]`);
          return !!b && !b.hidden && b.getClientRects().length > 0; }""", Long.toString(productId)));
  }
}
