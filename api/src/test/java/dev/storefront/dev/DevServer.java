package dev.storefront.dev;

import dev.storefront.App;
import dev.storefront.catalog.CatalogSeeder;
import dev.storefront.config.AppConfig;
import dev.storefront.db.Migrations;
import dev.storefront.support.Infrastructure;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * The README's run command: real PostgreSQL and Redis (embedded binaries unless TEST_DATABASE_URL /
 * TEST_REDIS_URL point elsewhere), migrated, the standard data set seeded, the API on :8080.
 * Ctrl-C stops the API and the servers it started.
 */
public final class DevServer {
  private DevServer() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("DATABASE_URL", Infrastructure.databaseUrl());
    env.put("REDIS_URL", Infrastructure.redisUrl());
    env.putIfAbsent("APP_ENVIRONMENT", "development");
    String token = env.computeIfAbsent("ADMIN_TOKEN", k -> "dev-" + UUID.randomUUID());
    AppConfig config = AppConfig.from(env);
    Migrations.migrate(config);
    var seeded = new CatalogSeeder(config).seed(CatalogSeeder.STANDARD_PRODUCTS);
    App app = App.start(config, false).await();
    System.out.printf("%nStorefront API on http://localhost:%d  (docs: /docs, metrics: /metrics)%n"
        + "Seeded %d categories, %d products. Admin token (X-Admin-Token): %s%nCtrl-C to stop.%n",
        app.port(), seeded.categories(), seeded.products(), token);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close().await();
      stopped.countDown();
    }));
    stopped.await();
  }
}
