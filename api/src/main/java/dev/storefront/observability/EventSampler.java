package dev.storefront.observability;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Lets through at most one event per kind per period; the rest are dropped (and counted by the caller). */
public final class EventSampler {
  private final long periodMs;
  private final LongSupplier clockMs;
  private final ConcurrentHashMap<String, Long> lastSent = new ConcurrentHashMap<>();

  public EventSampler(long periodMs, LongSupplier clockMs) {
    this.periodMs = periodMs;
    this.clockMs = clockMs;
  }

  public boolean allow(String kind) {
    long now = clockMs.getAsLong();
    boolean[] allowed = {false};
    lastSent.compute(kind, (k, last) -> {
      if (last != null && now - last < periodMs) return last;
      allowed[0] = true;
      return now;
    });
    return allowed[0];
  }
}
