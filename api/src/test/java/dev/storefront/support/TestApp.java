package dev.storefront.support;

import dev.storefront.App;
import dev.storefront.catalog.CatalogSeeder;
import dev.storefront.config.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The production wiring started for one test class: its own database schema and cache namespace,
 * seeded with a small slice of the standard data set, HTTP on a free port.
 */
public final class TestApp implements AutoCloseable {
  public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
  public static final int PRODUCTS = 300;

  public final AppConfig config;
  public final App app;
  public final WebClient client;
  private final Vertx clientVertx = Vertx.vertx();

  private TestApp(AppConfig config, App app) {
    this.config = config;
    this.app = app;
    this.client = WebClient.create(clientVertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(app.port()));
  }

  public static TestApp start(String name) {
    return start(name, Map.of());
  }

  public static TestApp start(String name, Map<String, String> overrides) {
    AppConfig config = config(name, overrides);
    try {
      new CatalogSeeder(config).seed(PRODUCTS);
    } catch (Exception e) {
      throw new IllegalStateException("seeding failed", e);
    }
    return new TestApp(config, App.start(config, false).await());
  }

  /** Settings for a fresh schema (migrated) and namespace; the caller may seed and start. */
  public static AppConfig config(String name, Map<String, String> overrides) {
    String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
    String schema = ("t_" + name + "_" + suffix).toLowerCase();
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", Infrastructure.databaseUrl());
    env.put("DATABASE_SCHEMA", schema);
    env.put("REDIS_URL", Infrastructure.redisUrl());
    env.put("CACHE_NAMESPACE", schema);
    env.put("HTTP_PORT", "0");
    env.put("HTTP_INSTANCES", "1");
    env.put("ADMIN_TOKEN", ADMIN_TOKEN);
    env.put("ACCESS_LOG", "false");
    env.putAll(overrides);
    AppConfig config = AppConfig.from(env);
    dev.storefront.db.Migrations.migrate(config);
    return config;
  }

  /** GET through the test client; the response is checked against the contract. */
  public HttpResponse<Buffer> get(String uri) {
    return Contract.checked(HttpMethod.GET, uri, client.get(uri).send().await());
  }

  /** A request with a JSON body (and the admin token when {@code admin}), checked against the contract. */
  public HttpResponse<Buffer> send(HttpMethod method, String uri, Buffer json, boolean admin) {
    var request = client.request(method, uri).putHeader("Content-Type", "application/json");
    if (admin) request.putHeader("X-Admin-Token", ADMIN_TOKEN);
    return Contract.checked(method, uri, request.sendBuffer(json).await());
  }

  @Override
  public void close() throws Exception {
    client.close();
    clientVertx.close().await();
    app.close().await();
    var db = config.database();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      c.createStatement().execute("DROP SCHEMA IF EXISTS " + config.databaseSchema() + " CASCADE");
    }
  }
}
