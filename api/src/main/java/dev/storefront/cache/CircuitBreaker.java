package dev.storefront.cache;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Opens after {@code threshold} consecutive failures; while open, calls are skipped without a
 * network round trip. After {@code resetMs} one probe is let through: success closes it, failure
 * keeps it open for another period. Lock-free, shared by every event loop; cheaper on the hot path
 * than a breaker that arms a timer per call.
 */
public final class CircuitBreaker {
  private final int threshold;
  private final long resetMs;
  private final LongSupplier clock;
  private final AtomicInteger consecutiveFailures = new AtomicInteger();
  private final AtomicBoolean probing = new AtomicBoolean();
  private volatile long openedAt = -1;

  public CircuitBreaker(int threshold, long resetMs, LongSupplier clockMs) {
    this.threshold = threshold;
    this.resetMs = resetMs;
    this.clock = clockMs;
  }

  /** True when a call may go out now; false while open (and no probe is due). */
  public boolean allowRequest() {
    long opened = openedAt;
    if (opened < 0) return true;
    return clock.getAsLong() - opened >= resetMs && probing.compareAndSet(false, true);
  }

  public void onSuccess() {
    consecutiveFailures.set(0);
    openedAt = -1;
    probing.set(false);
  }

  public void onFailure() {
    if (consecutiveFailures.incrementAndGet() >= threshold || openedAt >= 0) {
      openedAt = clock.getAsLong();
    }
    probing.set(false);
  }

  public boolean isOpen() {
    return openedAt >= 0;
  }
}
