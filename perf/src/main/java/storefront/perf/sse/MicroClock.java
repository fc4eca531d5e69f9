package storefront.perf.sse;

import java.time.Instant;

/**
 * Wall-clock microseconds for lag = receive time - {@code at}, read per event: anchored to the
 * system clock once and advanced by {@link System#nanoTime()}, so no Instant per event. The
 * server's {@code at} comes from the same machine's clock, so the two agree to within its drift
 * over one run (microseconds); a bench across machines needs their clocks synchronised.
 */
final class MicroClock {
  private static final long ANCHOR_NANOS;
  private static final long ANCHOR_MICROS;

  static {
    Instant now = Instant.now();
    ANCHOR_NANOS = System.nanoTime();
    ANCHOR_MICROS = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  private MicroClock() {}

  static long micros() {
    return ANCHOR_MICROS + (System.nanoTime() - ANCHOR_NANOS) / 1_000;
  }
}
