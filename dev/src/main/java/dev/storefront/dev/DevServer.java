package dev.storefront.dev;

import dev.storefront.App;
import dev.storefront.auth.AdminAccount;
import dev.storefront.catalog.CatalogSeeder;
import dev.storefront.config.AppConfig;
import dev.storefront.db.Migrations;
import dev.storefront.support.Infrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import dev.storefront.support.S3Server;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The README's run command: real PostgreSQL and Redis (embedded binaries unless TEST_DATABASE_URL /
 * TEST_REDIS_URL point elsewhere), migrated, the standard data set seeded into an empty catalog, an
 * admin account from ADMIN_EMAIL / ADMIN_PASSWORD (else a password kept in the dev data folder), the
 * API on :8080. Data, the admin password and the signing key are kept between runs (DevData).
 * An S3-compatible server (s3proxy on 127.0.0.1, unless S3_ENDPOINT is set) holds an image for
 * every product. Logs are readable lines (logback-dev.xml, chosen in dev/pom.xml); the JSON access lines
 * are off unless ACCESS_LOG=true, so the sign-in printed at the end stays on screen.
 * Ctrl-C stops the API and the servers it started.
 */
public final class DevServer {
  private DevServer() {}

  public static void main(String[] args) throws Exception {
    DevData data = DevData.fromEnvironment();
    Map<String, String> env = new HashMap<>(System.getenv());
    String database = System.getenv("TEST_DATABASE_URL");
    boolean external = database != null && !database.isBlank();
    env.put("DATABASE_URL", external ? database : DevData.url(data.startPostgres(Infrastructure.freePort())));
    env.put("REDIS_URL", Infrastructure.redisUrl());
    // Product images from a local S3-compatible server, unless S3 settings point elsewhere.
    if (env.get("S3_ENDPOINT") == null) env.putAll(S3Server.environment());
    env.putIfAbsent("APP_ENVIRONMENT", "development");
    env.putIfAbsent("SHUTDOWN_DRAIN_SECONDS", "0");
    env.putIfAbsent("ACCESS_LOG", "false");
    env.computeIfAbsent("JWT_PRIVATE_KEY", k -> data.signingKey());
    String adminEmail = env.getOrDefault("ADMIN_EMAIL", "admin@storefront.local");
    String adminPassword = env.computeIfAbsent("ADMIN_PASSWORD", k -> data.adminPassword());
    AppConfig config = AppConfig.from(env);
    Migrations.migrate(config);
    String catalog = seedIfEmpty(config);
    AdminAccount.ensure(config, adminEmail, adminPassword);
    var images = DevMedia.load(config);
    App app = App.start(config, false).await();
    System.out.printf("%nStorefront API on http://localhost:%d  (storefront: /; docs: /docs; metrics: http://localhost:%d/metrics)%n"
        + "%s%nProduct images (%d uploaded) at %s%nData kept in %s (delete it to start afresh).%n"
        + "Admin sign-in: %s / %s%nCtrl-C to stop.%n",
        app.port(), app.managementPort(), catalog, images.uploaded(), config.mediaBaseUrl(),
        external ? "TEST_DATABASE_URL" : data.dir(), adminEmail, adminPassword);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close().await();
      stopped.countDown();
    }));
    stopped.await();
  }

  /** Seeds the standard data set into an empty catalog only: a restart keeps the products as edited. */
  private static String seedIfEmpty(AppConfig config) throws Exception {
    var db = config.database();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl() + "?currentSchema=" + config.databaseSchema(),
        db.user(), db.password()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM products")) {
      rs.next();
      long products = rs.getLong(1);
      if (products > 0) return "Catalog kept from the last run: " + products + " products.";
    }
    var seeded = new CatalogSeeder(config).seed(CatalogSeeder.STANDARD_PRODUCTS);
    return "Seeded " + seeded.categories() + " categories, " + seeded.products() + " products.";
  }
}
