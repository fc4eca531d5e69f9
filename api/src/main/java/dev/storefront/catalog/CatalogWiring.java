package dev.storefront.catalog;

import dev.storefront.cache.CacheMetrics;
import dev.storefront.cache.LoadLimiter;
import dev.storefront.cache.RedisStore;
import dev.storefront.cache.ResponseCache;
import dev.storefront.config.AppConfig;
import dev.storefront.config.CacheSettings;
import dev.storefront.observability.MetricsRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.function.LongSupplier;

/**
 * Builds the catalog: its response caches, the change-feed sync that keeps them current, the
 * service that reads through them, and the stock and product writes that evict them. Separate so
 * the process wiring does not need to know how the catalog's parts fit together.
 */
public record CatalogWiring(ProductRepository repository, CatalogSync sync, CatalogService service,
    CatalogEvictions evictions, StockChanges stockChanges, ProductWriteService writes) {

  /** {@code pool} serves requests; {@code feedPool} is the change feed's, which the sync polls through. */
  public static CatalogWiring create(Vertx vertx, Pool pool, Pool feedPool, RedisStore store,
      PrometheusMeterRegistry registry, AppConfig config) {
    CacheSettings cs = config.cache();
    // The body format version: v2 added slug, hasNext and totalExact; v3 folds accents in slugs.
    String ns = config.cacheNamespace() + ":v3:";
    ProductRepository repository = new ProductRepository(pool, cs.listingExactTotalUpTo());
    CatalogSync sync = new CatalogSync(new ProductRepository(feedPool, cs.listingExactTotalUpTo()));
    MetricsRegistry.bindSyncLag(registry, sync);
    LoadLimiter loads = new LoadLimiter(cs.maxConcurrentLoads());
    ResponseCache pdp = cache(vertx, ns, store, registry, "pdp", cs, cs.pdpTtlSeconds(), sync, loads);
    ResponseCache plp = cache(vertx, ns, store, registry, "plp", cs, cs.plpTtlSeconds(), sync, loads);
    ResponseCache categories = cache(vertx, ns, store, registry, "categories", cs, cs.categoriesTtlSeconds(),
        sync, loads);
    ResponseCache skus = cache(vertx, ns, store, registry, "sku", cs, cs.pdpTtlSeconds(), sync, loads);
    CatalogService service = new CatalogService(repository, sync, config.mediaBaseUrl(), pdp, plp, categories, skus);
    CatalogEvictions evictions = new CatalogEvictions(vertx, service);
    StockChanges stockChanges = new StockChanges(repository, sync, service);
    ProductWriteService writes = new ProductWriteService(pool, repository, sync, service, stockChanges);
    return new CatalogWiring(repository, sync, service, evictions, stockChanges, writes);
  }

  private static ResponseCache cache(Vertx vertx, String namespace, RedisStore store,
      PrometheusMeterRegistry registry, String name, CacheSettings cs, int ttlSeconds, CatalogSync sync,
      LoadLimiter loads) {
    return new ResponseCache(vertx, namespace, store, new CacheMetrics(registry, name), cs.l1TtlMs(),
        cs.l1MaxBytes(), ttlSeconds * 1000L, cs.notFoundTtlSeconds() * 1000L, cs.ttlJitter(), sync::inSync, loads);
  }

  /** While the event feed that evicts product pages lags, the caches are not trusted either. */
  public void followFeed(LongSupplier lastReadMs) {
    sync.followFeed(lastReadMs);
  }

  /** Starts the change-feed sync, then the evictions of changed products. */
  public Future<Void> startSync(Vertx vertx, long pollMs) {
    return sync.start(vertx, pollMs).compose(v -> evictions.start());
  }

  /** Stops the listing-version polls and the evictions driven by the feed. */
  public Future<Void> stopSync(Vertx vertx) {
    sync.stop(vertx);
    return evictions.stop();
  }

  /** Fills the caches before the first request; skipped when the warm-up timeout is 0. */
  public Future<?> warm(CacheSettings cs) {
    return cs.warmTimeoutMs() == 0
        ? Future.succeededFuture()
        : new CatalogWarmer(repository, service).warm(cs.warmListingPages(), cs.warmTimeoutMs());
  }
}
