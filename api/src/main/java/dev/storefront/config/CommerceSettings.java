package dev.storefront.config;

/** Checkout, reservations, the payment webhook and loyalty points. */
public record CommerceSettings(int reservationTtlMinutes, int reservationSweepMs) {

  static CommerceSettings from(Env env) {
    return new CommerceSettings(
        env.integer("RESERVATION_TTL_MINUTES", 15, 1, 24 * 60),
        env.integer("RESERVATION_SWEEP_INTERVAL_MS", 30_000, 100, 3_600_000));
  }
}
