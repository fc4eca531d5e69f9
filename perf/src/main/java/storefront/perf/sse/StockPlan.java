package storefront.perf.sse;

import java.util.SplittableRandom;

/**
 * The stock changes of one run, fixed before the streams open: change i sets product
 * {@code productId(i)} to stock {@code stockBase + i}. A stock level therefore names its change,
 * so a stream tells which change an event is from without a lookup table or a shared map.
 */
final class StockPlan {
  static final int MAX_CHANGES = 400_000;
  // Far above any seeded level, below the API's maximum of 1,000,000.
  private static final int LOWEST_STOCK = 100_000;
  private static final int HIGHEST_STOCK = 1_000_000;

  private final int[] productIds;
  private final int stockBase;

  private StockPlan(int[] productIds, int stockBase) {
    this.productIds = productIds;
    this.stockBase = stockBase;
  }

  /**
   * Products come from {@code seed} (the same sequence every run); the base level from
   * {@code runSalt}, so that a rerun does not set a product to the level the last run left it at,
   * which the server need not announce.
   */
  static StockPlan create(int changes, int products, long seed, long runSalt) {
    if (changes < 1 || changes > MAX_CHANGES) {
      throw new IllegalArgumentException("changes must be 1.." + MAX_CHANGES);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[] productIds = new int[changes];
    for (int i = 0; i < changes; i++) {
      productIds[i] = 1 + random.nextInt(products);
    }
    int base = LOWEST_STOCK + new SplittableRandom(runSalt).nextInt(HIGHEST_STOCK - LOWEST_STOCK - changes);
    return new StockPlan(productIds, base);
  }

  int size() {
    return productIds.length;
  }

  int productId(int change) {
    return productIds[change];
  }

  int stock(int change) {
    return stockBase + change;
  }

  /** The change an event reports, or -1 when the run did not make it. */
  int changeOf(long productId, long stock) {
    long change = stock - stockBase;
    if (change < 0 || change >= productIds.length || productIds[(int) change] != productId) {
      return -1;
    }
    return (int) change;
  }
}
