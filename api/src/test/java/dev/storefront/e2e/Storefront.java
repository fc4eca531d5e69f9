package dev.storefront.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.storefront.App;
import dev.storefront.support.PaymentProvider;
import dev.storefront.support.ProviderSigner;
import dev.storefront.support.S3Server;
import dev.storefront.support.SentryIngest;
import dev.storefront.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the browser suite runs against, started once per run: the API (TestApp, production wiring)
 * with the settings the storefront needs, the payment provider's stand-in, a Sentry ingest stand-in
 * behind the API's error tunnel, product images in a local S3-compatible server, a flags file the
 * tests rewrite, and one Chromium.
 */
final class Storefront implements AutoCloseable {
  static final String RELEASE = "storefront-api@e2e";
  static final String ENVIRONMENT = "e2e";
  static final String WEBHOOK_SECRET = "whsec_e2e_only_not_a_secret";
  /** The project number of the browser DSN, so its envelopes are told apart from the server's. */
  static final int BROWSER_PROJECT = 2;

  final Path flagsDir;
  final FlagsFile flags;
  final SentryIngest sentry;
  final PaymentProvider payments;
  final TestApp app;
  final Playwright playwright;
  final Browser browser;
  private final boolean video;

  private Storefront() throws IOException {
    long started = System.currentTimeMillis();
    flagsDir = Files.createTempDirectory("e2e-flags");
    flags = new FlagsFile(flagsDir);
    sentry = SentryIngest.start();
    payments = PaymentProvider.start(ProviderSigner.of(WEBHOOK_SECRET));
    app = TestApp.start("e2e", settings());
    payments.serve(app.app.port());
    // The first listing page and every product the tests open.
    ProductImages.upload(app, 1, 30);
    video = Chromium.noVideo() == null;
    if (!video) SkipNotice.print(Chromium.noVideo());
    playwright = Chromium.playwright(E2eExtension.output().resolve("browsers"));
    browser = Chromium.launch(playwright);
    PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
    System.out.printf("storefront and Chromium ready in %d ms at %s%n", System.currentTimeMillis() - started, baseUrl());
  }

  private static Storefront shared;

  /**
   * The one environment of this test JVM, stopped when the JVM exits. Not kept in JUnit's root
   * store: surefire may run the classes in more than one launcher session, each with its own root.
   */
  static synchronized Storefront shared() {
    if (shared == null) {
      try {
        shared = new Storefront();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Storefront started = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (Exception e) {
          System.err.println("closing the end-to-end environment failed: " + e);
        }
      }));
    }
    return shared;
  }

  /** The settings of every instance the suite starts (the second one in the banner test too). */
  Map<String, String> settings() {
    // Product images in a local S3-compatible server, served from its origin as through a CDN.
    Map<String, String> s = new HashMap<>(S3Server.environment());
    s.put("PAYMENT_WEBHOOK_SECRET", WEBHOOK_SECRET);
    s.put("PAYMENT_PAGE_URL", payments.pageUrl());
    s.put("SENTRY_BROWSER_DSN", sentry.dsn(BROWSER_PROJECT));
    s.put("APP_RELEASE", RELEASE);
    s.put("APP_ENVIRONMENT", ENVIRONMENT);
    s.put("FLAGS_FILE", flags.path.toString());
    s.put("FLAGS_RELOAD_MS", "200");
    s.put("FLAGS_CLIENT_REFRESH_SECONDS", "1");
    return s;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + app.app.port();
  }

  Session session(String name) {
    return session(name, baseUrl());
  }

  Session session(String name, String baseUrl) {
    try {
      return Session.incognito(browser, baseUrl, E2eExtension.output().resolve(name), video);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A session in a browser of its own with a profile on disk (not incognito). */
  Session sessionWithProfile(String name) {
    try {
      return Session.withProfile(playwright, baseUrl(), E2eExtension.output().resolve(name), video);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A product as the API shows it, after setting its stock so the test knows what it starts from. */
  JsonObject product(long id, int stock) {
    app.setStock(id, stock);
    var r = app.get("/api/v1/products/" + id);
    if (r.statusCode() != 200) throw new AssertionError("product " + id + " answered " + r.statusCode());
    return r.bodyAsJsonObject();
  }

  /** A second API instance on the same database and Redis (a second pod), started with the same settings. */
  App startSibling() {
    return app.startSibling(settings());
  }

  @Override
  public void close() throws Exception {
    browser.close();
    playwright.close();
    app.close();
    payments.close();
    sentry.close();
    Files.deleteIfExists(flags.path);
    Files.deleteIfExists(flagsDir);
  }
}
