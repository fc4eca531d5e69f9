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
import dev.storefront.cache.LoadLimiter;
import dev.storefront.cache.PipelinedRedis;
import dev.storefront.cache.RedisSettings;
import dev.storefront.cache.RedisStore;
import dev.storefront.cache.ResponseCache;
import dev.storefront.cart.CartRoutes;
import dev.storefront.catalog.AdminCatalogRoutes;
import dev.storefront.catalog.CatalogRoutes;
import dev.storefront.catalog.CatalogEvictions;
import dev.storefront.catalog.CatalogService;
import dev.storefront.catalog.CatalogSync;
import dev.storefront.catalog.CatalogWarmer;
import dev.storefront.catalog.ProductRepository;
import dev.storefront.catalog.ProductWriteService;
import dev.storefront.catalog.StockChanges;
import dev.storefront.config.AppConfig;
import dev.storefront.config.AuthSettings;
import dev.storefront.config.CacheSettings;
import dev.storefront.config.ConfigException;
import dev.storefront.config.OperationsSettings;
import dev.storefront.config.StorefrontSettings;
import dev.storefront.clientconfig.ClientConfigRoutes;
import dev.storefront.clienterrors.ErrorTunnelRoutes;
import dev.storefront.flags.FlagSet;
import dev.storefront.flags.FlagsParser;
import dev.storefront.flags.FlagsRoutes;
import dev.storefront.flags.FlagsSource;
import dev.storefront.db.Database;
import dev.storefront.db.Migrations;
import dev.storefront.events.EventFeed;
import dev.storefront.events.EventHistory;
import dev.storefront.events.EventPruner;
import dev.storefront.events.FeedMetrics;
import dev.storefront.stream.StreamHub;
import dev.storefront.stream.StreamMetrics;
import dev.storefront.stream.StreamRoutes;
import dev.storefront.stream.StreamTokens;
import dev.storefront.web.CachedResponses;
import io.vertx.pgclient.pubsub.PgSubscriber;
import dev.storefront.http.ApiRouter;
import dev.storefront.order.CheckoutService;
import dev.storefront.order.OrderRoutes;
import dev.storefront.order.PaymentOutcomes;
import dev.storefront.order.ReservationSweeper;
import dev.storefront.payment.PaymentWebhookRoutes;
import dev.storefront.points.Points;
import dev.storefront.points.PointsRoutes;
import dev.storefront.http.ContractLoader;
import dev.storefront.http.HttpVerticle;
import dev.storefront.http.HttpWarmup;
import dev.storefront.http.PublicListeners;
import dev.storefront.observability.AccessLog;
import dev.storefront.observability.Health;
import dev.storefront.observability.HttpMetrics;
import dev.storefront.observability.JdkLogging;
import dev.storefront.observability.ManagementServer;
import dev.storefront.observability.MetricsRegistry;
import dev.storefront.observability.MetricsScrape;
import dev.storefront.backup.BackupFreshness;
import dev.storefront.media.MediaRoutes;
import dev.storefront.storage.S3Storage;
import dev.storefront.observability.OperationsRoutes;
import dev.storefront.observability.SentryReporter;
import dev.storefront.observability.StaticAssets;
import dev.storefront.storefront.StorefrontRoutes;
import dev.storefront.storefront.StorefrontSite;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import static dev.storefront.Shutdown.stage;

/**
 * Process wiring: one Vert.x, one PostgreSQL pool, one Redis client and one cache per kind, shared
 * by an HTTP verticle per event loop, plus the management port. Tests start the service through
 * this class too.
 */
public final class App {
  private static final Logger LOG = LoggerFactory.getLogger(App.class);
  /** The longest the request-path warm-up may delay readiness. */
  private static final long WARMUP_DEADLINE_MS = 15_000;
  private static final long EVENT_PRUNE_EVERY_MS = 60_000;
  private static final long BACKUP_FRESHNESS_EVERY_MS = 60_000;
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
  private final Health health;
  private final OperationsSettings ops;
  private final long pruningTimer;
  private final PublicListeners listeners;
  private final EventFeed feed;
  private final StreamHub streams;
  private final StreamMetrics streamMetrics;
  private volatile String httpDeployment;
  private volatile String feedDeployment;
  private volatile ManagementServer management;
  private Future<Void> closing;
  /** Started before the HTTP servers; stopped first on close. */
  private final List<Feature> features = new java.util.concurrent.CopyOnWriteArrayList<>();

  private App(Vertx vertx, Pool pool, Pool feedPool, Redis redis, Redis securityRedis, CatalogSync catalogSync,
      SentryReporter sentry, AtomicInteger port, ProductWriteService writes, PrometheusMeterRegistry registry,
      AccessLog accessLog, Health health, OperationsSettings ops, long pruningTimer, PublicListeners listeners,
      EventFeed feed, StreamHub streams, StreamMetrics streamMetrics) {
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
    this.health = health;
    this.ops = ops;
    this.pruningTimer = pruningTimer;
    this.listeners = listeners;
    this.feed = feed;
    this.streams = streams;
    this.streamMetrics = streamMetrics;
  }

  public static Future<App> start(AppConfig config, boolean migrate) {
    if (config.auth().jwtPrivateKeyPem() == null) {
      return Future.failedFuture(new ConfigException("JWT_PRIVATE_KEY", "required to serve (EC P-256 PKCS#8 PEM)"));
    }
    FlagSet flagsFallback;
    try {
      flagsFallback = FlagsSource.fromSetting(config.storefront().flagsJson());
    } catch (FlagsParser.InvalidFlags e) {
      return Future.failedFuture(new ConfigException("FLAGS", e.getMessage()));
    }
    JdkLogging.routeToSlf4j();
    PrometheusMeterRegistry registry = MetricsRegistry.create();
    Vertx vertx = MetricsRegistry.vertx(registry);
    SentryReporter sentry = SentryReporter.start(config);
    Pool pool = Database.pool(vertx, config);
    Pool feedPool = Database.feedPool(vertx, config);
    PipelinedRedis redis = RedisSettings.client(vertx, config);
    PipelinedRedis securityRedis = config.securityRedisUrl().equals(config.redisUrl())
        ? redis : RedisSettings.securityClient(vertx, config);
    CacheSettings cs = config.cache();
    RedisStore store = new RedisStore(redis,
        new CircuitBreaker(cs.breakerFailures(), cs.breakerResetMs(), System::currentTimeMillis),
        config.redisTimeoutMs());
    MetricsRegistry.bindCircuit(registry, store);
    // The body format version: v2 added slug, hasNext and totalExact.
    String ns = config.cacheNamespace() + ":v2:";
    ProductRepository repository = new ProductRepository(pool, cs.listingExactTotalUpTo());
    CatalogSync catalogSync = new CatalogSync(new ProductRepository(feedPool, cs.listingExactTotalUpTo()));
    MetricsRegistry.bindSyncLag(registry, catalogSync);
    LoadLimiter loads = new LoadLimiter(cs.maxConcurrentLoads());
    ResponseCache pdp = cache(vertx, ns, store, registry, "pdp", cs, cs.pdpTtlSeconds(), catalogSync, loads);
    ResponseCache plp = cache(vertx, ns, store, registry, "plp", cs, cs.plpTtlSeconds(), catalogSync, loads);
    ResponseCache categories = cache(vertx, ns, store, registry, "categories", cs, cs.categoriesTtlSeconds(),
        catalogSync, loads);
    ResponseCache skus = cache(vertx, ns, store, registry, "sku", cs, cs.pdpTtlSeconds(), catalogSync, loads);
    CatalogService catalog = new CatalogService(repository, catalogSync, config.mediaBaseUrl(), pdp, plp, categories, skus);
    FeedMetrics feedMetrics = new FeedMetrics(registry);
    EventFeed feed = new EventFeed(feedPool,
        PgSubscriber.subscriber(vertx, Database.connectOptions(config, "postgresql-listen")),
        config.databaseSchema(), cs.syncPollMs(), feedMetrics);
    feedMetrics.bindLag(feed, EventFeed::lagSeconds);
    catalogSync.followFeed(feed::lastReadMs);
    CatalogEvictions evictions = new CatalogEvictions(vertx, catalog);
    StockChanges stockChanges = new StockChanges(repository, catalogSync, catalog);
    ProductWriteService writes = new ProductWriteService(pool, repository, catalogSync, catalog, stockChanges);
    AtomicInteger port = new AtomicInteger();
    AccessLog accessLog = config.accessLog() ? new AccessLog(System.out, registry) : null;
    AuthSettings as = config.auth();
    AccessTokens accessTokens = new AccessTokens(vertx, as);
    ClientIp clientIp = new ClientIp(as.trustedProxies());
    SecurityCounters counters = new SecurityCounters(securityRedis, config.cacheNamespace(), config.redisTimeoutMs());
    WebClient http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(as.captchaTimeoutMs())
        .setUserAgent("storefront-api"));
    RefreshTokens refreshTokens = new RefreshTokens(pool, as);
    long pruningTimer = refreshTokens.schedulePruning(vertx);
    AuthService auth = new AuthService(new UserRepository(pool), refreshTokens,
        accessTokens, new PasswordHashing(vertx, as.passwordHashingQueue()), new PasswordPolicy(), new LoginThrottle(counters, as),
        new CaptchaVerifier(http, as.captchaVerifyUrl(), as.captchaSecret(), as.captchaTimeoutMs()),
        as.accessTokenTtlSeconds());
    Points points = new Points(pool, config.commerce().pointsPerCurrencyUnit());
    Health health = new Health(pool, store);
    OperationsSettings ops = config.operations();
    PublicListeners listeners = new PublicListeners(health::draining);
    var realtime = config.realtime();
    StreamMetrics streamMetrics = new StreamMetrics(registry);
    StreamHub streams = new StreamHub(vertx, new EventHistory(pool), feed::position, streamMetrics, realtime, accessLog);
    StreamTokens streamTokens = new StreamTokens(securityRedis, config.cacheNamespace(),
        realtime.streamTokenTtlSeconds(), config.redisTimeoutMs());
    S3Storage media = new S3Storage(config.s3());
    StorefrontSettings sf = config.storefront();
    FlagsSource flags = new FlagsSource(vertx, sf.flagsFile(), flagsFallback, sf.flagsReloadMs(), registry);
    WebClient tunnelHttp = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(sf.errorTunnelTimeoutMs())
        .setUserAgent("storefront-api"), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(16));
    App app = new App(vertx, pool, feedPool, redis, securityRedis, catalogSync, sentry, port, writes, registry,
        accessLog, health, ops, pruningTimer, listeners, feed, streams, streamMetrics);

    Future<Integer> migrated = migrate
        ? vertx.executeBlocking(() -> Migrations.migrate(config), false)
        : Future.succeededFuture(0);
    return migrated
        .compose(n -> Future.join(RedisSettings.connect(redis, config), securityRedis == redis
            ? Future.succeededFuture() : RedisSettings.connect(securityRedis, config)))
        .compose(connected -> catalogSync.start(vertx, cs.syncPollMs()))
        .compose(v -> evictions.start())
        .compose(v -> vertx.deployVerticle(feed).onSuccess(id -> app.feedDeployment = id))
        .compose(v -> Future.all(ContractLoader.load(vertx), StaticAssets.load(vertx), cs.warmTimeoutMs() == 0
            ? Future.succeededFuture()
            : new CatalogWarmer(repository, catalog).warm(cs.warmListingPages(), cs.warmTimeoutMs()),
            StorefrontSite.load(vertx)))
        .compose(loaded -> {
          OpenAPIContract contract = loaded.resultAt(0);
          StaticAssets assets = loaded.resultAt(1);
          CachedResponses cachedResponses = new CachedResponses(cs.httpMaxAgeSeconds(), cs.httpStaleWhileRevalidateSeconds());
          List<Feature> features = List.of(
              new CatalogRoutes(catalog, cachedResponses),
              new AdminCatalogRoutes(writes),
              new AuthRoutes(auth, clientIp, points::addTo),
              new CartRoutes(pool),
              new OrderRoutes(pool, new CheckoutService(pool, stockChanges, config.commerce().reservationTtlMinutes())),
              new ReservationSweeper(vertx, pool, stockChanges, config.commerce().reservationSweepMs()),
              new PaymentWebhookRoutes(config.commerce().paymentWebhookSecret(),
                  new PaymentOutcomes(pool, stockChanges, points)),
              new PointsRoutes(points),
              new StreamRoutes(streams, streamTokens, accessTokens, refreshTokens, clientIp),
              new EventPruner(vertx, pool, realtime.retentionHours() * 3600L, EVENT_PRUNE_EVERY_MS),
              new MediaRoutes(vertx, media, config.media(), writes),
              new BackupFreshness(vertx, pool, registry, BACKUP_FRESHNESS_EVERY_MS),
              new OperationsRoutes(assets),
              new ClientConfigRoutes(config),
              new FlagsRoutes(flags, accessTokens),
              new ErrorTunnelRoutes(sf.sentryBrowserDsn(), tunnelHttp, counters, clientIp, sf.errorTunnelPerMinute(),
                  sf.errorTunnelTimeoutMs(), registry),
              new StorefrontRoutes(loaded.resultAt(3), config.mediaBaseUrl()));
          ApiRouter.Parts parts = new ApiRouter.Parts(contract, config.bodyLimitBytes(), config.media().maxBytes(), accessLog,
              new HttpMetrics(registry), sentry, accessTokens, as.corsOrigins(),
              new AuthRateLimit(counters, clientIp, as.authRateLimitPerMinute(), as.authGlobalRateLimitPerMinute()),
              features, cs.fastPath() ? new ApiRouter.FastPathParts(catalog, cachedResponses) : null);
          app.features.addAll(features);
          return Future.all(features.stream().map(Feature::start).toList())
              .compose(started -> vertx.deployVerticle(() -> new HttpVerticle(parts, config.httpPort(),
                  config.maxHeaderBytes(), config.http2ClearText(), port::set, listeners),
                  new DeploymentOptions().setInstances(config.httpInstances())))
              .recover(e -> Future.failedFuture(new StartFailure("HTTP port " + config.httpPort(), e)));
        })
        .compose(deployment -> {
          app.httpDeployment = deployment;
          return HttpWarmup.run(vertx, port.get(), ops.warmupRequests(), WARMUP_DEADLINE_MS);
        })
        .compose(warmed -> ManagementServer.start(vertx, ops.managementPort(),
            new MetricsScrape(vertx, registry, 1_000), health)
            .recover(e -> Future.failedFuture(new StartFailure("management port " + ops.managementPort(), e))))
        .map(management -> {
          app.management = management;
          return app;
        })
        .recover(failure -> {
          // Failed now, not after the stop: once Vert.x has closed, no event loop is left to
          // deliver the outcome, and the caller would wait forever for a start that cannot end.
          LOG.error("start failed, stopping: {}", StartFailure.describe(failure));
          app.close();
          return Future.failedFuture(failure);
        });
  }

  private static ResponseCache cache(Vertx vertx, String namespace, RedisStore store,
      PrometheusMeterRegistry registry, String name, CacheSettings cs, int ttlSeconds, CatalogSync sync,
      LoadLimiter loads) {
    return new ResponseCache(vertx, namespace, store, new CacheMetrics(registry, name), cs.l1TtlMs(),
        cs.l1MaxBytes(), ttlSeconds * 1000L, cs.notFoundTtlSeconds() * 1000L, cs.ttlJitter(), sync::inSync, loads);
  }

  public int port() {
    return port.get();
  }

  /** The port of metrics and probes. */
  public int managementPort() {
    return management.port();
  }

  public Vertx vertx() {
    return vertx;
  }

  public ProductWriteService productWrites() {
    return writes;
  }

  /** This instance's reader of the event outbox. */
  public EventFeed eventFeed() {
    return feed;
  }

  public StreamMetrics streamMetrics() {
    return streamMetrics;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Graceful stop: readiness fails at once, the listeners keep serving for the drain period (so
   * load balancers notice and stop sending), then stop accepting while in-flight requests finish
   * within the grace period; only then do background work, pools and Vert.x stop.
   */
  public synchronized Future<Void> close() {
    if (closing != null) return closing;
    boolean served = management != null;
    closing = Shutdown.run(List.of(
        stage("readiness reports 503; draining for " + ops.shutdownDrainSeconds() + " s", () -> drain(served)),
        stage("event streams end with a reconnect hint", streams::closeAll),
        stage("HTTP listeners stop; in-flight requests get " + ops.shutdownGraceSeconds() + " s",
            () -> listeners.shutdown(ops.shutdownGraceSeconds())
                .compose(v -> httpDeployment == null ? Future.succeededFuture() : vertx.undeploy(httpDeployment))),
        stage("background work stops", () -> {
          catalogSync.stop(vertx);
          if (feedDeployment != null) vertx.undeploy(feedDeployment);
          vertx.cancelTimer(pruningTimer);
          return Future.join(features.stream().map(Feature::stop).toList()).mapEmpty();
        }),
        stage("management port closes", () -> management == null ? Future.succeededFuture() : management.close()),
        stage("Redis closes", () -> securityRedis == redis ? redis.close()
            : Future.join(redis.close(), securityRedis.close()).mapEmpty()),
        stage("PostgreSQL closes", () -> Future.join(pool.close(), feedPool.close()).mapEmpty()),
        stage("Vert.x closes", vertx::close)))
        .andThen(ar -> {
          sentry.close();
          if (accessLog != null) accessLog.close();
        });
    return closing;
  }

  private Future<?> drain(boolean served) {
    health.drain();
    return served && ops.shutdownDrainSeconds() > 0
        ? vertx.timer(ops.shutdownDrainSeconds(), TimeUnit.SECONDS)
        : Future.succeededFuture();
  }
}
