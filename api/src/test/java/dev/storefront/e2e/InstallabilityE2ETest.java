package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Response;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Chromium itself judges the storefront installable: manifest, icons, an active service worker. */
@ExtendWith(E2eExtension.class)
class InstallabilityE2ETest {

  @Test
  void chromiumFindsNoInstallabilityErrorsAndAServiceWorkerControlsThePage(Storefront shop) throws Exception {
    try (Session s = shop.sessionWithProfile(
        "InstallabilityE2ETest.chromiumFindsNoInstallabilityErrorsAndAServiceWorkerControlsThePage")) {
      check(shop, s);
    }
  }

  @SuppressWarnings("unchecked")
  private static void check(Storefront shop, Session s) {
    List<Response> manifests = new CopyOnWriteArrayList<>();
    s.page.onResponse(r -> {
      if (r.url().endsWith("/manifest.webmanifest")) manifests.add(r);
    });
    s.open("/");
    s.page.evaluate("() => navigator.serviceWorker.ready.then(() => true)");
    s.page.reload();
    s.ready();

    Object controller = s.page.evaluate("() => navigator.serviceWorker.controller"
        + " && [navigator.serviceWorker.controller.scriptURL, navigator.serviceWorker.controller.state]");
    assertThat(controller).as("navigator.serviceWorker.controller after a reload").isInstanceOf(List.class);
    assertThat((List<Object>) controller).containsExactly(shop.baseUrl() + "/sw.js", "activated");

    CDPSession cdp = s.context.newCDPSession(s.page);
    JsonArray errors = cdp.send("Page.getInstallabilityErrors").getAsJsonArray("installabilityErrors");
    assertThat(errors).as("Page.getInstallabilityErrors: %s", errors).isEmpty();

    JsonObject manifest = cdp.send("Page.getAppManifest");
    assertThat(manifest.get("url").getAsString()).isEqualTo(shop.baseUrl() + "/manifest.webmanifest");
    assertThat(manifest.getAsJsonArray("errors")).as("manifest errors: %s", manifest).isEmpty();
    assertThat(manifests).as("the page fetched its manifest").isNotEmpty();
    assertThat(manifests.get(0).status()).isEqualTo(200);
    assertThat(manifests.get(0).headerValue("content-type")).startsWith("application/manifest+json");
    com.google.gson.JsonObject data = com.google.gson.JsonParser.parseString(manifest.get("data").getAsString()).getAsJsonObject();
    assertThat(data.get("display").getAsString()).isIn("standalone", "minimal-ui", "fullscreen");
    assertThat(data.getAsJsonArray("icons").toString()).contains("192x192", "512x512");
    s.step("installable");
  }
}
