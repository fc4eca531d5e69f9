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
 * seeded with a small slice of the standard data set, HTTP and the management port on free ports,
 * and no drain period on close.
 */
public final class TestApp implements AutoCloseable {
  public static final String ADMIN_EMAIL = "admin@storefront.test";
  public static final String ADMIN_PASSWORD = "correct horse battery staple 42";
  /** One signing key per test JVM, generated at test time (keys never live in git). */
  public static final String SIGNING_KEY = dev.storefront.auth.SigningKeys.generatePem();
  private String adminToken;
  public static final int PRODUCTS = 300;

  public final AppConfig config;
  public final App app;
  public final WebClient client;
  /** To the management port (metrics and probes); not part of the public contract. */
  public final WebClient management;
  private final Vertx clientVertx = Vertx.vertx();

  private TestApp(AppConfig config, App app) {
    this.config = config;
    this.app = app;
    this.client = WebClient.create(clientVertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(app.port()));
    this.management = WebClient.create(clientVertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(app.managementPort()));
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
    AppConfig config = AppConfig.from(environment(name, overrides));
    dev.storefront.db.Migrations.migrate(config);
    return config;
  }

  /** The environment of a test instance on a fresh schema and namespace (not yet created). */
  public static Map<String, String> environment(String name, Map<String, String> overrides) {
    String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
    String schema = ("t_" + name + "_" + suffix).toLowerCase();
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", Infrastructure.databaseUrl());
    env.put("DATABASE_SCHEMA", schema);
    env.put("REDIS_URL", Infrastructure.redisUrl());
    env.put("CACHE_NAMESPACE", schema);
    env.put("HTTP_PORT", "0");
    env.put("HTTP_INSTANCES", "1");
    env.put("MANAGEMENT_PORT", "0");
    env.put("SHUTDOWN_DRAIN_SECONDS", "0");
    env.put("HTTP_WARMUP_REQUESTS", "0");
    env.put("JWT_PRIVATE_KEY", SIGNING_KEY);
    // Generous limits by default; the abuse-protection tests set their own.
    env.put("AUTH_RATE_LIMIT_PER_MINUTE", "100000");
    env.put("AUTH_GLOBAL_RATE_LIMIT_PER_MINUTE", "100000");
    env.put("IP_CAPTCHA_AFTER_FAILURES", "10000");
    env.put("IP_LOCK_AFTER_FAILURES", "20000");
    env.put("ACCESS_LOG", "false");
    env.put("PAYMENT_WEBHOOK_SECRET", "whsec_test_only_not_a_real_secret");
    // Tests start cold so that they can watch loads happen; the warming tests turn it on.
    env.put("CACHE_WARM_TIMEOUT_MS", "0");
    env.putAll(overrides);
    return env;
  }

  /**
   * Another API process on the same database schema and Redis namespace (its own L1 and port):
   * what a second pod behind the same Service would be.
   */
  public App startSibling(Map<String, String> overrides) {
    var db = config.database();
    Map<String, String> env = new HashMap<>(Map.of(
        "DATABASE_URL", "postgresql://" + db.user() + ":" + db.password() + "@" + db.host() + ":" + db.port() + "/"
            + db.database(),
        "DATABASE_SCHEMA", config.databaseSchema(), "REDIS_URL", config.redisUrl(),
        "CACHE_NAMESPACE", config.cacheNamespace(), "HTTP_PORT", "0", "HTTP_INSTANCES", "1", "ACCESS_LOG", "false",
        "JWT_PRIVATE_KEY", SIGNING_KEY, "CACHE_WARM_TIMEOUT_MS", "0"));
    env.put("MANAGEMENT_PORT", "0");
    env.put("SHUTDOWN_DRAIN_SECONDS", "0");
    env.put("HTTP_WARMUP_REQUESTS", "0");
    env.putAll(overrides);
    return App.start(AppConfig.from(env), false).await();
  }

  /** Runs {@code body} against a sibling instance ({@link #startSibling}) with a client for it, then stops it. */
  public void withSibling(Map<String, String> overrides, java.util.function.BiConsumer<App, WebClient> body) {
    App other = startSibling(overrides);
    WebClient client = WebClient.create(other.vertx(), new WebClientOptions().setDefaultPort(other.port()));
    try {
      body.accept(other, client);
    } finally {
      client.close();
      other.close().await();
    }
  }

  /** Drops a test instance's schema. */
  public static void dropSchema(AppConfig config) throws java.sql.SQLException {
    var db = config.database();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      c.createStatement().execute("DROP SCHEMA IF EXISTS " + config.databaseSchema() + " CASCADE");
    }
  }

  /** The Vert.x the test clients run on (never the server's). */
  public Vertx clientVertx() {
    return clientVertx;
  }

  /** Opens an event stream on this instance (the caller closes it). */
  public SseClient stream(String uri, Map<String, String> headers) {
    return stream(app.port(), uri, headers);
  }

  /** Opens an event stream on an instance listening on {@code port}, e.g. a sibling. */
  public SseClient stream(int port, String uri, Map<String, String> headers) {
    return SseClient.open(clientVertx, port, uri, headers);
  }

  /** Sets a product's stock through the admin API. */
  public void setStock(long product, int stock) {
    HttpResponse<Buffer> r = send(HttpMethod.PUT, "/api/v1/admin/products/" + product + "/stock",
        new io.vertx.core.json.JsonObject().put("stock", stock).toBuffer(), true);
    if (r.statusCode() != 200) throw new IllegalStateException("stock write answered " + r.statusCode());
  }

  /** A scrape rendered after this call: scrapes within a second of each other share one rendering. */
  public String freshMetrics() {
    try {
      Thread.sleep(1_100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return management("/metrics").bodyAsString();
  }

  /** GET on the management port (metrics, probes). */
  public HttpResponse<Buffer> management(String uri) {
    return management.get(uri).send().await();
  }

  /** GET through the test client; the response is checked against the contract. */
  public HttpResponse<Buffer> get(String uri) {
    return Contract.checked(HttpMethod.GET, uri, client.get(uri).send().await());
  }

  /** A request with a JSON body (as the admin when {@code admin}), checked against the contract. */
  public HttpResponse<Buffer> send(HttpMethod method, String uri, Buffer json, boolean admin) {
    return send(method, uri, json, admin ? adminToken() : null);
  }

  /** A request with a JSON body and an optional bearer token, checked against the contract. */
  public HttpResponse<Buffer> send(HttpMethod method, String uri, Buffer json, String bearer) {
    var request = client.request(method, uri).putHeader("Content-Type", "application/json");
    if (bearer != null) request.putHeader("Authorization", "Bearer " + bearer);
    return Contract.checked(method, uri, request.sendBuffer(json).await());
  }

  /** An access token of the seeded admin account, signed in through the API. */
  public synchronized String adminToken() {
    if (adminToken == null) {
      try {
        dev.storefront.auth.AdminAccount.ensure(config, ADMIN_EMAIL, ADMIN_PASSWORD);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
      adminToken = login(ADMIN_EMAIL, ADMIN_PASSWORD).bodyAsJsonObject().getString("accessToken");
    }
    return adminToken;
  }

  /** A sign-up through the API, checked against the contract. */
  public HttpResponse<Buffer> signup(String email, String password) {
    return send(HttpMethod.POST, "/api/v1/auth/signup",
        new io.vertx.core.json.JsonObject().put("email", email).put("password", password).toBuffer(), (String) null);
  }

  public HttpResponse<Buffer> login(String email, String password) {
    return send(HttpMethod.POST, "/api/v1/auth/login",
        new io.vertx.core.json.JsonObject().put("email", email).put("password", password).toBuffer(), (String) null);
  }

  @Override
  public void close() throws Exception {
    client.close();
    management.close();
    clientVertx.close().await();
    app.close().await();
    dropSchema(config);
  }
}
