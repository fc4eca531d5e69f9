package dev.storefront.payment;

import dev.storefront.order.PaymentOutcomes;
import dev.storefront.order.PaymentOutcomes.Kind;
import dev.storefront.web.Feature;
import dev.storefront.web.ProblemException;
import dev.storefront.web.Responses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Map;

/**
 * The payment provider's webhook. The signature is checked over the raw body before anything is
 * parsed, so the generic validator is off here; nothing else can mark an order paid.
 */
public final class PaymentWebhookRoutes implements Feature {
  private static final Map<String, Kind> KINDS = Map.of(
      ProviderEvent.SUCCEEDED, Kind.SUCCEEDED, ProviderEvent.FAILED, Kind.FAILED, ProviderEvent.REFUNDED, Kind.REFUNDED);

  private final String secret;
  private final PaymentOutcomes outcomes;

  public PaymentWebhookRoutes(String secret, PaymentOutcomes outcomes) {
    this.secret = secret;
    this.outcomes = outcomes;
  }

  @Override
  public void bind(RouterBuilder builder) {
    builder.getRoute("paymentWebhook").setDoValidation(false).addHandler(this::receive);
  }

  private void receive(RoutingContext rc) {
    if (secret == null) {
      throw new ProblemException(503, "webhook-not-configured", "Webhook not configured",
          "PAYMENT_WEBHOOK_SECRET is not set; the provider will retry.");
    }
    Buffer body = rc.body().buffer() == null ? Buffer.buffer() : rc.body().buffer();
    String problem = StripeSignature.problem(rc.request().getHeader("Stripe-Signature"), body, secret,
        System.currentTimeMillis() / 1000);
    if (problem != null) throw new ProblemException(400, "invalid-signature", "Invalid signature", problem);
    ProviderEvent event;
    try {
      event = ProviderEvent.parse(new JsonObject(body));
    } catch (DecodeException | ClassCastException e) {
      event = null;
    }
    if (event == null) throw ProblemException.badRequest("not a payment event (id, type, data.object.id)");
    Kind kind = event.partialRefund() && event.type().equals(ProviderEvent.REFUNDED) ? Kind.PARTIALLY_REFUNDED
        : KINDS.get(event.type());
    if (kind == null) {
      answer(rc, "ignored"); // signed, but not a type this service acts on
      return;
    }
    outcomes.apply(event.id(), event.type(), kind, event.paymentReference(), event.orderId())
        .onSuccess(outcome -> answer(rc, outcome)).onFailure(rc::fail);
  }

  private static void answer(RoutingContext rc, String outcome) {
    Responses.privateJson(rc, 200, new JsonObject().put("received", true).put("outcome", outcome).toBuffer());
  }
}
