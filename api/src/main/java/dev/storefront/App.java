package dev.storefront;

import dev.storefront.auth.AccessTokens;
import dev.storefront.auth.AuthRoutes;
import dev.storefront.auth.AuthService;
import dev.storefront.auth.CaptchaVerifier;
import dev.storefront.auth.LoginThrottle;
import dev.storefront.auth.PasswordHashing;
import dev.storefront.auth.PasswordPolicy;
import dev.storefront.auth.RefreshTokens;
import dev.storefront.auth.UserRepository;
import dev.storefront.cache.CacheMetrics;
import dev.storefront.cache.CircuitBreaker;
import dev.storefront.cache.RedisSettings;
import dev.storefront.cache.RedisStore;
import dev.storefront.cache.ResponseCache;
import dev.storefront.catalog.AdminCatalogRoutes;
import dev.storefront.catalog.CatalogRoutes;
import dev.storefront.catalog.CatalogService;
import dev.storefront.catalog.CatalogSync;
import dev.storefront.catalog.CatalogWarmer;
import dev.storefront.catalog.ProductRepository;
import dev.storefront.catalog.ProductWriteService;
import dev.storefront.config.AppConfig;
import dev.storefront.config.AuthSettings;
import dev.storefront.config.CacheSettings;
import dev.storefront.config.ConfigException;
import dev.storefront.db.Database;
import dev.storefront.db.Migrations;
import dev.storefront.http.ApiRouter;
import dev.storefront.http.ContractLoader;
import dev.storefront.http.HttpVerticle;
import dev.storefront.observability.AccessLog;
import dev.storefront.observability.HttpMetrics;
import dev.storefront.observability.MetricsRegistry;
import dev.storefront.observability.OperationsRoutes;
import dev.storefront.observability.SentryReporter;
import dev.storefront.observability.StaticAssets;
import dev.storefront.security.AuthRateLimit;
import dev.storefront.security.ClientIp;
import dev.storefront.security.SecurityCounters;
import dev.storefront.web.Feature;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Process wiring: one Vert.x, one PostgreSQL pool, one Redis client and one cache per kind, shared
 * by an HTTP verticle per event loop. Tests start the service through this class too.
 */
public final class App {
  private final Vertx vertx;
  private final Pool pool;
  private final Pool feedPool;
  private final Redis redis;
  private final Redis securityRedis;
  private final CatalogSync catalogSync;
  private final SentryReporter sentry;
  private final AtomicInteger port;
  private final ProductWriteService writes;
  private final PrometheusMeterRegistry registry;
  private final AccessLog accessLog;

  private App(Vertx vertx, Pool pool, Pool feedPool, Redis redis, Redis securityRedis, CatalogSync catalogSync,
      SentryReporter sentry, AtomicInteger port, ProductWriteService writes, PrometheusMeterRegistry registry,
      AccessLog accessLog) {
    this.vertx = vertx;
    this.pool = pool;
    this.feedPool = feedPool;
    this.redis = redis;
    this.securityRedis = securityRedis;
    this.catalogSync = catalogSync;
    this.sentry = sentry;
    this.port = port;
    this.writes = writes;
    this.registry = registry;
    this.accessLog = accessLog;
  }

  public static Future<App> start(AppConfig config, boolean migrate) {
    if (config.auth().jwtPrivateKeyPem() == null) {
      return Future.failedFuture(new ConfigException("JWT_PRIVATE_KEY", "required to serve (EC P-256 PKCS#8 PEM)"));
    }
    PrometheusMeterRegistry registry = MetricsRegistry.create();
    Vertx vertx = MetricsRegistry.vertx(registry);
    SentryReporter sentry = SentryReporter.start(config);
    Pool pool = Database.pool(vertx, config);
    Pool feedPool = Database.feedPool(vertx, config);
    Redis redis = Redis.createClient(vertx, RedisSettings.options(config));
    Redis securityRedis = config.securityRedisUrl().equals(config.redisUrl())
        ? redis : Redis.createClient(vertx, RedisSettings.securityOptions(config));
    CacheSettings cs = config.cache();
    RedisStore store = new RedisStore(redis,
        new CircuitBreaker(cs.breakerFailures(), cs.breakerResetMs(), System::currentTimeMillis),
        config.redisTimeoutMs());
    MetricsRegistry.bindCircuit(registry, store);
    String ns = config.cacheNamespace() + ":v1:";
    ProductRepository repository = new ProductRepository(pool);
    CatalogSync catalogSync = new CatalogSync(new ProductRepository(feedPool));
    ResponseCache pdp = cache(vertx, ns, store, registry, "pdp", cs, cs.pdpTtlSeconds(), catalogSync);
    ResponseCache plp = cache(vertx, ns, store, registry, "plp", cs, cs.plpTtlSeconds(), catalogSync);
    ResponseCache categories = cache(vertx, ns, store, registry, "categories", cs, cs.categoriesTtlSeconds(), catalogSync);
    CatalogService catalog = new CatalogService(repository, catalogSync, config.mediaBaseUrl(), pdp, plp, categories);
    catalogSync.onProductChanged(catalog::evictLocal);
    ProductWriteService writes = new ProductWriteService(pool, repository, catalogSync, catalog);
    AtomicInteger port = new AtomicInteger();
    AccessLog accessLog = config.accessLog() ? new AccessLog(System.out, registry) : null;
    AuthSettings as = config.auth();
    AccessTokens accessTokens = new AccessTokens(vertx, as);
    ClientIp clientIp = new ClientIp(as.trustedProxies());
    SecurityCounters counters = new SecurityCounters(securityRedis, config.cacheNamespace(), config.redisTimeoutMs());
    WebClient http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(as.captchaTimeoutMs())
        .setUserAgent("storefront-api"));
    RefreshTokens refreshTokens = new RefreshTokens(pool, as.refreshTokenTtlDays());
    refreshTokens.schedulePruning(vertx);
    AuthService auth = new AuthService(new UserRepository(pool), refreshTokens,
        accessTokens, new PasswordHashing(vertx), new PasswordPolicy(), new LoginThrottle(counters, as),
        new CaptchaVerifier(http, as.captchaVerifyUrl(), as.captchaSecret(), as.captchaTimeoutMs()),
        as.accessTokenTtlSeconds());
    App app = new App(vertx, pool, feedPool, redis, securityRedis, catalogSync, sentry, port, writes, registry,
        accessLog);

    Future<Integer> migrated = migrate
        ? vertx.executeBlocking(() -> Migrations.migrate(config), false)
        : Future.succeededFuture(0);
    return migrated
        .compose(n -> catalogSync.start(vertx, cs.syncPollMs()))
        .compose(v -> Future.all(ContractLoader.load(vertx), StaticAssets.load(vertx), cs.warmTimeoutMs() == 0
            ? Future.succeededFuture()
            : new CatalogWarmer(repository, catalog).warm(cs.warmListingPages(), cs.warmTimeoutMs())))
        .compose(loaded -> {
          OpenAPIContract contract = loaded.resultAt(0);
          StaticAssets assets = loaded.resultAt(1);
          List<Feature> features = List.of(
              new CatalogRoutes(catalog),
              new AdminCatalogRoutes(writes),
              new AuthRoutes(auth, clientIp),
              new OperationsRoutes(pool, store, registry, assets));
          ApiRouter.Parts parts = new ApiRouter.Parts(contract, config.bodyLimitBytes(), accessLog,
              new HttpMetrics(registry), sentry, accessTokens, as.corsOrigins(),
              new AuthRateLimit(counters, clientIp, as.authRateLimitPerMinute(), as.authGlobalRateLimitPerMinute()),
              features);
          return vertx.deployVerticle(() -> new HttpVerticle(parts, config.httpPort(), config.maxHeaderBytes(),
              port::set), new DeploymentOptions().setInstances(config.httpInstances()));
        })
        .map(app)
        .recover(failure -> app.close().transform(ignored -> Future.failedFuture(failure)));
  }

  private static ResponseCache cache(Vertx vertx, String namespace, RedisStore store,
      PrometheusMeterRegistry registry, String name, CacheSettings cs, int ttlSeconds, CatalogSync sync) {
    return new ResponseCache(vertx, namespace, store, new CacheMetrics(registry, name), cs.l1TtlMs(),
        cs.l1MaxBytes(), ttlSeconds * 1000L, cs.notFoundTtlSeconds() * 1000L, cs.ttlJitter(), sync::inSync);
  }

  public int port() {
    return port.get();
  }

  public Vertx vertx() {
    return vertx;
  }

  public ProductWriteService productWrites() {
    return writes;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public Future<Void> close() {
    catalogSync.stop(vertx);
    return redis.close().otherwiseEmpty()
        .compose(v -> securityRedis == redis ? Future.succeededFuture() : securityRedis.close().otherwiseEmpty())
        .compose(v -> pool.close().otherwiseEmpty())
        .compose(v -> feedPool.close().otherwiseEmpty())
        .compose(v -> vertx.close())
        .andThen(ar -> {
          sentry.close();
          if (accessLog != null) accessLog.close();
        });
  }
}
