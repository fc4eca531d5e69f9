package dev.storefront.payment;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature: {@code Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>...]}, each v1 an
 * HMAC-SHA256 of {@code "<t>.<raw body>"} with the endpoint secret. Other schemes (v0) are ignored;
 * the timestamp must be within the tolerance both ways; digests are compared in constant time.
 */
public final class StripeSignature {
  public static final long TOLERANCE_SECONDS = 300;

  private StripeSignature() {}

  /** Null when the signature is valid, otherwise why it is not (for the 400 detail). */
  public static String problem(String header, Buffer body, String secret, long nowSeconds) {
    if (header == null || header.isBlank()) return "Stripe-Signature header missing";
    Long t = null;
    List<String> v1 = new ArrayList<>();
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) return "Stripe-Signature is malformed";
      String key = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      if (key.equals("t")) {
        if (t != null || !value.matches("[0-9]{1,12}")) return "Stripe-Signature has a bad timestamp";
        t = Long.parseLong(value);
      } else if (key.equals("v1")) {
        v1.add(value);
      }
    }
    if (t == null) return "Stripe-Signature has no timestamp";
    if (v1.isEmpty()) return "Stripe-Signature has no v1 signature";
    if (Math.abs(nowSeconds - t) > TOLERANCE_SECONDS) return "Stripe-Signature timestamp is outside the tolerance";
    byte[] expected = sign(secret, t, body).getBytes(StandardCharsets.US_ASCII);
    boolean match = false;
    for (String candidate : v1) {
      match |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
    }
    return match ? null : "no v1 signature matches";
  }

  /** The lower-case hex v1 digest, as the provider computes it. */
  public static String sign(String secret, long t, Buffer body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  /** A complete header for this body now: what the provider (and `payments simulate`) sends. */
  public static String header(String secret, long t, Buffer body) {
    return "t=" + t + ",v1=" + sign(secret, t, body);
  }
}
