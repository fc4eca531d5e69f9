package dev.storefront.dev;

import dev.storefront.App;
import dev.storefront.auth.AdminAccount;
import dev.storefront.auth.SigningKeys;
import dev.storefront.catalog.CatalogSeeder;
import dev.storefront.config.AppConfig;
import dev.storefront.db.Migrations;
import dev.storefront.support.Infrastructure;
import dev.storefront.support.S3Server;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The README's run command: real PostgreSQL and Redis (embedded binaries unless TEST_DATABASE_URL /
 * TEST_REDIS_URL point elsewhere), migrated, the standard data set seeded, an S3-compatible server
 * (s3proxy on 127.0.0.1, unless S3_ENDPOINT is set) holding an image for every product, an admin account from
 * ADMIN_EMAIL / ADMIN_PASSWORD (generated when unset), a fresh signing key unless JWT_PRIVATE_KEY
 * is set, the API on :8080. Ctrl-C stops the API and the servers it started.
 */
public final class DevServer {
  private DevServer() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("DATABASE_URL", Infrastructure.databaseUrl());
    env.put("REDIS_URL", Infrastructure.redisUrl());
    // Product images from a local S3-compatible server, unless S3 settings point elsewhere.
    if (env.get("S3_ENDPOINT") == null) env.putAll(S3Server.environment());
    env.putIfAbsent("APP_ENVIRONMENT", "development");
    env.putIfAbsent("SHUTDOWN_DRAIN_SECONDS", "0");
    env.computeIfAbsent("JWT_PRIVATE_KEY", k -> SigningKeys.generatePem());
    String adminEmail = env.getOrDefault("ADMIN_EMAIL", "admin@storefront.local");
    String adminPassword = env.computeIfAbsent("ADMIN_PASSWORD", k -> randomPassword());
    AppConfig config = AppConfig.from(env);
    Migrations.migrate(config);
    var seeded = new CatalogSeeder(config).seed(CatalogSeeder.STANDARD_PRODUCTS);
    AdminAccount.ensure(config, adminEmail, adminPassword);
    var images = DevMedia.load(config);
    App app = App.start(config, false).await();
    System.out.printf("%nStorefront API on http://localhost:%d  (docs: /docs; metrics: http://localhost:%d/metrics)%n"
        + "Seeded %d categories, %d products; product images (%d uploaded) at %s%n"
        + "Admin sign-in: %s / %s%nCtrl-C to stop.%n",
        app.port(), app.managementPort(), seeded.categories(), seeded.products(), images.uploaded(),
        config.mediaBaseUrl(), adminEmail, adminPassword);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close().await();
      stopped.countDown();
    }));
    stopped.await();
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
