package dev.storefront.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A new release never leaves an open tab on the old shell: when a new service worker has installed,
 * the page offers a reload, and taking it activates the new worker and reloads under it. (That a
 * changed asset gives the worker new bytes, hence a new version, is StorefrontSiteTest's.)
 */
@ExtendWith(E2eExtension.class)
class UpdateFlowE2ETest {

  @Test
  void aWaitingVersionIsOfferedAndTheReloadRunsUnderIt(Storefront shop, Session s) {
    s.open("/");
    s.page.evaluate("() => navigator.serviceWorker.ready.then(() => true)");
    s.page.reload();
    s.ready();
    assertThat((String) s.page.evaluate("() => navigator.serviceWorker.controller.scriptURL"))
        .isEqualTo(shop.baseUrl() + "/sw.js");
    assertThat(s.page.locator("#update-bar")).isHidden();

    // The next release's worker: another script URL for the same scope installs beside the active
    // one and waits, exactly as a changed /sw.js does on the browser's next update check.
    s.page.evaluate("() => navigator.serviceWorker.register('/sw.js?release=next', { scope: '/' }).then(() => true)");
    assertThat(s.page.locator("#update-bar")).isVisible();
    assertThat((String) s.page.evaluate("() => navigator.serviceWorker.controller.scriptURL"))
        .as("the old worker still serves until the visitor says so").isEqualTo(shop.baseUrl() + "/sw.js");
    s.step("update-offered");

    s.page.waitForNavigation(() -> s.page.locator("#update-reload").click());
    s.ready();
    assertThat((String) s.page.evaluate("() => navigator.serviceWorker.controller.scriptURL"))
        .isEqualTo(shop.baseUrl() + "/sw.js?release=next");
    // (The reloaded page registers /sw.js again, which to the browser is yet another script URL,
    // so it may offer a further update here: an artefact of standing in a second URL for a release.)
    assertThat(s.byTestId("product-card").first()).isVisible();
    s.step("reloaded-under-the-new-version");
  }
}
