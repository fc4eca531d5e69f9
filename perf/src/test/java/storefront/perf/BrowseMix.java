package storefront.perf;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The browse workload of the standard data set as an endless Gatling feeder.
 *
 * <p>Each record picks one request: 70% product detail (PDP), 25% product listing (PLP), 5% search.
 * Product popularity is Zipf(s = 1.0) over ids 1..10,000 with rank k mapped to id k; PLP picks a
 * category by Zipf over 1..50, a sort uniformly and a page uniformly in 1..5; search picks a word
 * uniformly. A fixed seed gives the same sequence of records on every run, so runs compare.
 */
public final class BrowseMix implements Iterator<Map<String, Object>> {

  public static final int PRODUCTS = 10_000;
  public static final int CATEGORIES = 50;
  public static final int PAGES = 5;
  public static final int PAGE_SIZE = 20;
  public static final double PDP_SHARE = 0.70;
  public static final double PLP_SHARE = 0.25;
  public static final List<String> SORTS =
      List.of("popularity", "price_asc", "price_desc", "name", "newest");
  public static final List<String> WORDS = List.of(
      "classic", "wool", "lamp", "chair", "steel", "vintage", "linen", "oak", "ceramic", "cotton",
      "leather", "table", "bag", "mug", "walnut", "desk", "sofa", "rug", "shelf", "clock");

  private static final Zipf PRODUCT_POPULARITY = new Zipf(PRODUCTS, 1.0);
  private static final Zipf CATEGORY_POPULARITY = new Zipf(CATEGORIES, 1.0);

  private final SplittableRandom random;

  public BrowseMix(long seed) {
    this.random = new SplittableRandom(seed);
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  /** Synchronized because Gatling may poll a shared feeder from several threads. */
  @Override
  public synchronized Map<String, Object> next() {
    double u = random.nextDouble();
    if (u < PDP_SHARE) {
      return Map.of("kind", "pdp", "id", PRODUCT_POPULARITY.sample(random));
    }
    if (u < PDP_SHARE + PLP_SHARE) {
      return Map.of(
          "kind", "plp",
          "category", CATEGORY_POPULARITY.sample(random),
          "sort", SORTS.get(random.nextInt(SORTS.size())),
          "page", 1 + random.nextInt(PAGES));
    }
    return Map.of("kind", "search", "q", WORDS.get(random.nextInt(WORDS.size())));
  }
}
