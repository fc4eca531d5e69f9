package dev.storefront.config;

/** Checkout, reservations, the payment webhook and loyalty points. */
public record CommerceSettings(int reservationTtlMinutes, int reservationSweepMs, String paymentWebhookSecret,
    int pointsPerCurrencyUnit) {

  static CommerceSettings from(Env env) {
    return new CommerceSettings(
        env.integer("RESERVATION_TTL_MINUTES", 15, 1, 24 * 60),
        env.integer("RESERVATION_SWEEP_INTERVAL_MS", 30_000, 100, 3_600_000),
        env.optional("PAYMENT_WEBHOOK_SECRET"),
        env.integer("POINTS_PER_CURRENCY_UNIT", 1, 0, 1_000));
  }

  @Override
  public String toString() {
    return "CommerceSettings[reservationTtlMinutes=" + reservationTtlMinutes + ", reservationSweepMs="
        + reservationSweepMs + ", paymentWebhookSecret=" + (paymentWebhookSecret == null ? "unset" : "set")
        + ", pointsPerCurrencyUnit=" + pointsPerCurrencyUnit + "]";
  }
}
