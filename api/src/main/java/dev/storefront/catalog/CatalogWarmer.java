package dev.storefront.catalog;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a cold instance's caches (L1 and Redis, written without a lookup first) before it takes
 * traffic: every PDP, read in id-ordered batches, the category tree, and the first listing pages
 * of every category and sort (page size 20, what
 * the storefront asks for). Without it, a new pod or a flushed Redis meets full traffic with one
 * database load per distinct key, which is what saturated the pool. Bounded by {@code deadlineMs}:
 * past it the instance starts anyway, warming on in the background.
 */
public final class CatalogWarmer {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogWarmer.class);
  static final int PRODUCT_BATCH = 1_000;
  static final int LISTING_PAGE_SIZE = 20;
  /** Listing loads in flight at once: enough to overlap round trips, few enough to leave the pool room. */
  static final int LISTINGS_IN_FLIGHT = 8;

  private final ProductRepository repository;
  private final CatalogService catalog;

  public CatalogWarmer(ProductRepository repository, CatalogService catalog) {
    this.repository = repository;
    this.catalog = catalog;
  }

  /** Completes (never fails) when the caches are warm or {@code deadlineMs} has passed. */
  public Future<Void> warm(int listingPages, long deadlineMs) {
    long start = System.nanoTime();
    Future<Void> all = Future.all(products(0), listings(listingPages)).mapEmpty();
    return all.timeout(deadlineMs, TimeUnit.MILLISECONDS)
        .onSuccess(v -> LOG.info("caches warmed in {} ms", (System.nanoTime() - start) / 1_000_000))
        .onFailure(e -> LOG.warn("cache warming incomplete, serving anyway: {}", e.toString()))
        .otherwiseEmpty();
  }

  private Future<Void> products(long afterId) {
    return repository.productsAfter(afterId, PRODUCT_BATCH).compose(rows -> rows.size() == 0
        ? Future.succeededFuture()
        : catalog.preloadProducts(rows).compose(last -> rows.size() < PRODUCT_BATCH
            ? Future.succeededFuture()
            : products(last)));
  }

  private Future<Void> listings(int pages) {
    if (pages <= 0) return catalog.preloadCategoryTree();
    return repository.categories().compose(rows -> {
      List<Supplier<Future<?>>> loads = new ArrayList<>();
      for (int page = 1; page <= pages; page++) {
        for (Row row : rows) loads.addAll(pagesOf(row.getInteger("id"), page));
        loads.addAll(pagesOf(null, page));
      }
      return inParallel(loads, LISTINGS_IN_FLIGHT).compose(v -> catalog.preloadCategoryTree());
    });
  }

  private List<Supplier<Future<?>>> pagesOf(Integer category, int page) {
    List<Supplier<Future<?>>> loads = new ArrayList<>();
    for (ProductListQuery.Sort sort : ProductListQuery.Sort.values()) {
      if (sort == ProductListQuery.Sort.RELEVANCE) continue; // a search order: no words, no such page
      ProductListQuery query = new ProductListQuery(category, null, null, null, sort, page, LISTING_PAGE_SIZE);
      loads.add(() -> catalog.preloadList(query));
    }
    return loads;
  }

  /**
   * Runs the tasks with at most {@code width} in flight; a failed task is skipped, not fatal. A
   * task that completes at once (a closed pool fails every load that way) is followed in a loop,
   * not from its callback: hundreds of them in a row would otherwise nest that deep on the stack.
   */
  static Future<Void> inParallel(List<Supplier<Future<?>>> tasks, int width) {
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      Promise<Void> done = Promise.promise();
      lane(tasks, next, done);
      lanes.add(done.future());
    }
    return Future.all(lanes).mapEmpty();
  }

  private static void lane(List<Supplier<Future<?>>> tasks, AtomicInteger next, Promise<Void> done) {
    for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
      Future<?> task = tasks.get(i).get();
      if (!task.isComplete()) {
        task.onComplete(ar -> lane(tasks, next, done));
        return;
      }
    }
    done.complete();
  }
}
