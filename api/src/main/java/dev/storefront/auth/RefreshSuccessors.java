package dev.storefront.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token that rotating a refresh token hands out, derived from it with an HMAC under a secret
 * derived from the signing key. Only hashes are stored, so this is how a second presentation within
 * the reuse grace finds the same successor again, on any instance (they all hold the signing key).
 */
final class RefreshSuccessors {
  private static final String ALGORITHM = "HmacSHA256";
  private static final String PURPOSE = "storefront refresh-token successors v1";

  private final SecretKeySpec key;

  RefreshSuccessors(String signingKeyPem) {
    byte[] pkcs8 = Base64.getDecoder().decode(signingKeyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    this.key = new SecretKeySpec(hmac(new SecretKeySpec(pkcs8, ALGORITHM), PURPOSE), ALGORITHM);
  }

  /** The successor of {@code token}: 32 bytes, base64url, the same form as a fresh token. */
  String of(String token) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, token));
  }

  private static byte[] hmac(SecretKeySpec key, String message) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HMAC-SHA256", e);
    }
  }
}
