package dev.storefront.auth;

import dev.storefront.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.client.WebClient;

/**
 * Verifies a captcha token with the provider's siteverify endpoint (the Turnstile / hCaptcha /
 * reCAPTCHA form protocol: {@code secret}, {@code response}, {@code remoteip} in, JSON
 * {@code success} out). A provider that cannot be reached fails closed (503), never open.
 */
public final class CaptchaVerifier {
  private final WebClient client;
  private final String url;
  private final String secret;
  private final long timeoutMs;

  public CaptchaVerifier(WebClient client, String url, String secret, long timeoutMs) {
    this.client = client;
    this.url = url;
    this.secret = secret;
    this.timeoutMs = timeoutMs;
  }

  public Future<Boolean> verify(String token, String remoteIp) {
    if (secret == null) {
      return Future.failedFuture(unavailable());
    }
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("secret", secret).add("response", token).add("remoteip", remoteIp);
    return client.postAbs(url).timeout(timeoutMs).sendForm(form)
        .map(response -> response.statusCode() == 200 && Boolean.TRUE.equals(response.bodyAsJsonObject().getBoolean("success")))
        .recover(e -> Future.failedFuture(unavailable()));
  }

  private static ProblemException unavailable() {
    return new ProblemException(503, "service-unavailable", "Service unavailable",
        "Captcha verification is unavailable; retry shortly.");
  }
}
