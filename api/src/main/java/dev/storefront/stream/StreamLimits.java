package dev.storefront.stream;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps on open streams, per instance: in all, per client address and per user. A stream holds a
 * slot from its acceptance until it ends, whatever ends it.
 */
final class StreamLimits {
  private final int max;
  private final int perIp;
  private final int perUser;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<String, AtomicInteger> byIp = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, AtomicInteger> byUser = new ConcurrentHashMap<>();

  StreamLimits(int max, int perIp, int perUser) {
    this.max = max;
    this.perIp = perIp;
    this.perUser = perUser;
  }

  /** Takes a slot, or returns why not (null when taken). {@code userId} is null for public streams. */
  String acquire(String ip, Long userId) {
    if (total.incrementAndGet() > max) {
      total.decrementAndGet();
      return "This instance holds as many event streams as it may; try again shortly.";
    }
    if (!take(byIp, ip, perIp)) {
      total.decrementAndGet();
      return "Too many event streams from this address (at most " + perIp + ").";
    }
    if (userId != null && !take(byUser, userId, perUser)) {
      give(byIp, ip);
      total.decrementAndGet();
      return "Too many event streams for this account (at most " + perUser + ").";
    }
    return null;
  }

  void release(String ip, Long userId) {
    total.decrementAndGet();
    give(byIp, ip);
    if (userId != null) give(byUser, userId);
  }

  private static <K> boolean take(ConcurrentHashMap<K, AtomicInteger> counts, K key, int limit) {
    boolean[] taken = new boolean[1];
    counts.compute(key, (k, count) -> {
      AtomicInteger c = count == null ? new AtomicInteger() : count;
      taken[0] = c.get() < limit;
      if (taken[0]) c.incrementAndGet();
      return c.get() == 0 ? null : c;
    });
    return taken[0];
  }

  private static <K> void give(ConcurrentHashMap<K, AtomicInteger> counts, K key) {
    counts.computeIfPresent(key, (k, c) -> c.decrementAndGet() == 0 ? null : c);
  }
}
