package storefront.perf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * One buyer per record: a unique email (run id + counter, so reruns against the same schema never
 * collide), 1-3 distinct products picked uniformly over the catalog (uniform rather than Zipf so a
 * 60 s run does not sell the most popular products out), a quantity of 1-2 each, and an
 * Idempotency-Key for the checkout.
 */
public final class PurchaseMix implements Iterator<Map<String, Object>> {

  public static final String PASSWORD = "perf-Buyer-7731-purchase";
  public static final int MAX_ITEMS = 3;
  public static final int MAX_QUANTITY = 2;

  private final SplittableRandom random;
  private final String runId;
  private long counter;

  public PurchaseMix(long seed, String runId) {
    this.random = new SplittableRandom(seed);
    this.runId = runId;
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public synchronized Map<String, Object> next() {
    long n = ++counter;
    int count = 1 + random.nextInt(MAX_ITEMS);
    List<Map<String, Object>> items = new ArrayList<>(count);
    List<Integer> ids = new ArrayList<>(count);
    while (ids.size() < count) {
      int id = 1 + random.nextInt(BrowseMix.PRODUCTS);
      if (!ids.contains(id)) {
        ids.add(id);
        items.add(Map.of("id", id, "quantity", 1 + random.nextInt(MAX_QUANTITY)));
      }
    }
    Map<String, Object> record = new HashMap<>();
    record.put("email", "buyer-" + runId + "-" + n + "@perf.example.com");
    record.put("password", PASSWORD);
    record.put("items", items);
    record.put("idempotencyKey", UUID.randomUUID().toString());
    return record;
  }
}
