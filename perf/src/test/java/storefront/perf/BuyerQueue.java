package storefront.perf;

import io.gatling.javaapi.core.Session;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Buyers signed up before the measured phase, handed out once each as a feeder: their access
 * token, cart items and Idempotency-Key.
 */
final class BuyerQueue implements Iterator<Map<String, Object>> {

  private final ConcurrentLinkedQueue<Map<String, Object>> buyers = new ConcurrentLinkedQueue<>();

  void add(Session session) {
    buyers.add(Map.of(
        "token", session.getString("token"),
        "items", session.getList("items"),
        "idempotencyKey", session.getString("idempotencyKey")));
  }

  @Override
  public boolean hasNext() {
    return !buyers.isEmpty();
  }

  @Override
  public Map<String, Object> next() {
    Map<String, Object> buyer = buyers.poll();
    if (buyer == null) throw new NoSuchElementException("no pre-created buyer left");
    return buyer;
  }
}
