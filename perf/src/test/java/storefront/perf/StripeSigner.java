package storefront.perf;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs payment events the way Stripe does: {@code Stripe-Signature: t=<unix>,v1=<hex>}, the v1 an
 * HMAC-SHA256 of {@code "<t>.<raw body>"} keyed with the endpoint secret. The perf module does not
 * depend on the API, so this mirrors {@code dev.storefront.payment.StripeSignature} and the event
 * shape of {@code ProviderEvent.build} (what {@code payments simulate} sends).
 */
public final class StripeSigner {

  public static final String SUCCEEDED = "payment_intent.succeeded";

  private StripeSigner() {}

  /** Lower-case hex HMAC-SHA256 of {@code "<t>.<body>"}. */
  public static String sign(String secret, long t, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  public static String header(String secret, long t, String body) {
    return "t=" + t + ",v1=" + sign(secret, t, body);
  }

  /**
   * A {@code payment_intent.succeeded} event for one order. Ids and references come from the API
   * (URL-safe tokens and numbers), so they are written without JSON escaping.
   */
  public static String succeededEvent(String eventId, String paymentReference, long orderId, long createdSeconds) {
    return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"" + SUCCEEDED + "\",\"created\":"
        + createdSeconds + ",\"data\":{\"object\":{\"id\":\"" + paymentReference
        + "\",\"object\":\"payment_intent\",\"metadata\":{\"orderId\":\"" + orderId + "\"}}}}";
  }
}
