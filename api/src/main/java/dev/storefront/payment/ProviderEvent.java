package dev.storefront.payment;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The subset of a Stripe event this service reads, and how to build one (tests, the simulator).
 * {@code partialRefund}: a charge that says it is not (yet) refunded in full ({@code refunded:
 * false}, as Stripe sends with {@code charge.refunded} after a partial refund).
 */
public record ProviderEvent(String id, String type, String paymentReference, String orderId, boolean partialRefund) {
  public static final String SUCCEEDED = "payment_intent.succeeded";
  public static final String FAILED = "payment_intent.payment_failed";
  public static final String REFUNDED = "charge.refunded";

  /** Null when the document is not an event this service can read. */
  static ProviderEvent parse(JsonObject json) {
    Object id = json.getValue("id");
    Object type = json.getValue("type");
    Object data = json.getValue("data");
    if (!(id instanceof String i) || i.isEmpty() || i.length() > 255 || !(type instanceof String t)
        || !(data instanceof JsonObject d) || !(d.getValue("object") instanceof JsonObject o)
        || !(o.getValue("id") instanceof String objectId)) {
      return null;
    }
    String ref = objectId;
    // A charge's own id is not the payment's; Stripe names the payment in payment_intent.
    if (o.getValue("payment_intent") instanceof String intent && !intent.isEmpty()) ref = intent;
    Object metadata = o.getValue("metadata");
    Object orderId = metadata instanceof JsonObject m ? m.getValue("orderId") : null;
    boolean partialRefund = Boolean.FALSE.equals(o.getValue("refunded"));
    return new ProviderEvent(i, t, ref, orderId == null ? null : orderId.toString(), partialRefund);
  }

  /** A new event of this type for the payment, signed now with the secret: what the provider sends. */
  public static Signed signed(String secret, String type, String paymentReference, long orderId) {
    Buffer body = build("evt_" + UUID.randomUUID().toString().replace("-", ""), type, paymentReference, orderId).toBuffer();
    return new Signed(body, StripeSignature.header(secret, System.currentTimeMillis() / 1000, body));
  }

  /** An event's raw body and its {@code Stripe-Signature} header. */
  public record Signed(Buffer body, String signatureHeader) {}

  public static JsonObject build(String eventId, String type, String paymentReference, long orderId) {
    JsonObject object = new JsonObject().put("id", paymentReference)
        .put("object", type.equals(REFUNDED) ? "charge" : "payment_intent")
        .put("metadata", new JsonObject().put("orderId", Long.toString(orderId)));
    return new JsonObject().put("id", eventId).put("object", "event").put("type", type)
        .put("created", System.currentTimeMillis() / 1000).put("data", new JsonObject().put("object", object));
  }
}
