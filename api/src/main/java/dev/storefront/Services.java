package dev.storefront;

import dev.storefront.auth.AuthRoutes;
import dev.storefront.auth.AuthWiring;
import dev.storefront.backup.BackupFreshness;
import dev.storefront.cart.CartRoutes;
import dev.storefront.catalog.AdminCatalogRoutes;
import dev.storefront.catalog.CatalogRoutes;
import dev.storefront.catalog.CatalogWiring;
import dev.storefront.catalog.StockChanges;
import dev.storefront.clientconfig.ClientConfigRoutes;
import dev.storefront.clienterrors.ErrorTunnelRoutes;
import dev.storefront.config.AppConfig;
import dev.storefront.config.CommerceSettings;
import dev.storefront.config.RealtimeSettings;
import dev.storefront.config.StorefrontSettings;
import dev.storefront.db.Database;
import dev.storefront.events.EventFeed;
import dev.storefront.events.EventHistory;
import dev.storefront.events.EventPruner;
import dev.storefront.events.FeedMetrics;
import dev.storefront.flags.FlagSet;
import dev.storefront.flags.FlagsRoutes;
import dev.storefront.flags.FlagsSource;
import dev.storefront.http.ApiRouter;
import dev.storefront.media.MediaRoutes;
import dev.storefront.observability.HttpMetrics;
import dev.storefront.observability.OperationsRoutes;
import dev.storefront.observability.StaticAssets;
import dev.storefront.order.CheckoutService;
import dev.storefront.order.OrderRoutes;
import dev.storefront.order.PaymentOutcomes;
import dev.storefront.order.ReservationSweeper;
import dev.storefront.payment.PaymentWebhookRoutes;
import dev.storefront.points.Points;
import dev.storefront.points.PointsRoutes;
import dev.storefront.storage.S3Storage;
import dev.storefront.storefront.StorefrontRoutes;
import dev.storefront.storefront.StorefrontSite;
import dev.storefront.stream.StreamHub;
import dev.storefront.stream.StreamMetrics;
import dev.storefront.stream.StreamRoutes;
import dev.storefront.stream.StreamTokens;
import dev.storefront.web.CachedResponses;
import dev.storefront.web.Feature;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * The services the features are made of, built once per process on the shared infrastructure, and
 * the list of features itself. Separate from App so the start sequence reads on its own.
 */
record Services(AppConfig config, Infrastructure infra, CatalogWiring catalog, EventFeed feed, AuthWiring auth,
    Points points, StreamMetrics streamMetrics, StreamHub streams, StreamTokens streamTokens, S3Storage media,
    FlagsSource flags, WebClient tunnelHttp) {
  private static final long EVENT_PRUNE_EVERY_MS = 60_000;
  private static final long BACKUP_FRESHNESS_EVERY_MS = 60_000;

  /** {@code flagsFallback}: the flags in force while the flags file is missing or invalid. */
  static Services create(Infrastructure infra, AppConfig config, FlagSet flagsFallback) {
    Vertx vertx = infra.vertx();
    CatalogWiring catalog = CatalogWiring.create(vertx, infra.pool(), infra.feedPool(), infra.store(),
        infra.registry(), config);
    EventFeed feed = eventFeed(infra, config);
    catalog.followFeed(feed::lastReadMs);
    AuthWiring auth = AuthWiring.create(vertx, infra.pool(), infra.securityRedis(), config);
    Points points = new Points(infra.pool(), config.commerce().pointsPerCurrencyUnit());
    RealtimeSettings realtime = config.realtime();
    StreamMetrics streamMetrics = new StreamMetrics(infra.registry());
    StreamHub streams = new StreamHub(vertx, new EventHistory(infra.pool()), feed::position, streamMetrics, realtime,
        infra.accessLog());
    StreamTokens streamTokens = new StreamTokens(infra.securityRedis(), config.cacheNamespace(),
        realtime.streamTokenTtlSeconds(), config.redisTimeoutMs());
    S3Storage media = new S3Storage(config.s3());
    StorefrontSettings sf = config.storefront();
    FlagsSource flags = new FlagsSource(vertx, sf.flagsFile(), flagsFallback, sf.flagsReloadMs(), infra.registry());
    WebClient tunnelHttp = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(sf.errorTunnelTimeoutMs())
        .setUserAgent("storefront-api"), new PoolOptions().setHttp1MaxSize(16));
    return new Services(config, infra, catalog, feed, auth, points, streamMetrics, streams, streamTokens, media, flags,
        tunnelHttp);
  }

  private static EventFeed eventFeed(Infrastructure infra, AppConfig config) {
    FeedMetrics feedMetrics = new FeedMetrics(infra.registry());
    EventFeed feed = new EventFeed(infra.feedPool(),
        PgSubscriber.subscriber(infra.vertx(), Database.connectOptions(config, "postgresql-listen")),
        config.databaseSchema(), config.cache().syncPollMs(), feedMetrics);
    feedMetrics.bindLag(feed, EventFeed::lagSeconds);
    return feed;
  }

  /** Every feature, in the order they start (and bind their operations). */
  List<Feature> features(StaticAssets assets, StorefrontSite site, CachedResponses cachedResponses) {
    Vertx vertx = infra.vertx();
    Pool pool = infra.pool();
    CommerceSettings commerce = config.commerce();
    StockChanges stock = catalog.stockChanges();
    return List.of(
        new CatalogRoutes(catalog.service(), cachedResponses),
        new AdminCatalogRoutes(catalog.writes()),
        new AuthRoutes(auth.service(), auth.clientIp(), points::addTo),
        new CartRoutes(pool),
        new OrderRoutes(pool, new CheckoutService(pool, stock, commerce.reservationTtlMinutes())),
        new ReservationSweeper(vertx, pool, stock, commerce.reservationSweepMs()),
        new PaymentWebhookRoutes(commerce.paymentWebhookSecret(), new PaymentOutcomes(pool, stock, points)),
        new PointsRoutes(points),
        new StreamRoutes(streams, streamTokens, auth.accessTokens(), auth.refreshTokens(), auth.clientIp()),
        new EventPruner(vertx, pool, config.realtime().retentionHours() * 3600L, EVENT_PRUNE_EVERY_MS),
        new MediaRoutes(vertx, media, config.media(), catalog.writes()),
        new BackupFreshness(vertx, pool, infra.registry(), BACKUP_FRESHNESS_EVERY_MS),
        new OperationsRoutes(assets),
        new ClientConfigRoutes(config),
        new FlagsRoutes(flags, auth.accessTokens()),
        errorTunnel(),
        new StorefrontRoutes(site, config.mediaBaseUrl()));
  }

  private ErrorTunnelRoutes errorTunnel() {
    StorefrontSettings sf = config.storefront();
    return new ErrorTunnelRoutes(sf.sentryBrowserDsn(), tunnelHttp, auth.counters(), auth.clientIp(),
        sf.errorTunnelPerMinute(), sf.errorTunnelTimeoutMs(), infra.registry());
  }

  ApiRouter.Parts routerParts(OpenAPIContract contract, List<Feature> features, CachedResponses cachedResponses) {
    return new ApiRouter.Parts(contract, config.bodyLimitBytes(), infra.accessLog(),
        new HttpMetrics(infra.registry()), infra.sentry(), auth.accessTokens(), config.auth().corsOrigins(),
        auth.rateLimit(), features, config.cache().fastPath()
            ? new ApiRouter.FastPathParts(catalog.service(), cachedResponses) : null);
  }
}
