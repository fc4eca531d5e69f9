package dev.storefront.config;

/** Checkout, reservations, the payment webhook and loyalty points. */
public record CommerceSettings(int reservationTtlMinutes) {

  static CommerceSettings from(Env env) {
    return new CommerceSettings(
        env.integer("RESERVATION_TTL_MINUTES", 15, 1, 24 * 60));
  }
}
