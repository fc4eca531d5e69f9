package dev.storefront.support;

import io.vertx.core.MultiMap;
import java.util.Set;

/** What the storefront sends to the payment page, checked: the same fields come back with the form. */
record PaymentRequest(String reference, long orderId, long amount, String currency, String returnUrl, String problem) {

  static PaymentRequest from(MultiMap params, Set<String> allowedOrigins) {
    String reference = params.get("reference");
    String order = params.get("order");
    String amount = params.get("amount");
    String currency = params.get("currency");
    String ret = params.get("return");
    if (allowedOrigins.isEmpty()) return invalid("the payment page does not know the shop yet");
    if (reference == null || !reference.matches("[A-Za-z0-9_\\-]{1,255}")) return invalid("reference: missing or malformed");
    if (order == null || !order.matches("[1-9][0-9]{0,17}")) return invalid("order: must be a positive integer");
    if (amount == null || !amount.matches("[0-9]{1,15}")) return invalid("amount: must be a number of cents");
    if (currency == null || !currency.matches("[A-Za-z]{3}")) return invalid("currency: must be a 3-letter code");
    if (ret == null) return invalid("return: missing");
    // Only back to the shop: anything else would make this page an open redirect.
    String origin = PaymentProvider.origin(ret);
    if (origin == null || !allowedOrigins.contains(origin)) return invalid("return: must be a URL on the shop's origin");
    return new PaymentRequest(reference, Long.parseLong(order), Long.parseLong(amount), currency.toUpperCase(), ret, null);
  }

  private static PaymentRequest invalid(String problem) {
    return new PaymentRequest(null, 0, 0, null, null, problem);
  }
}
