package dev.storefront.config;

import java.util.Arrays;
import java.util.List;

/**
 * Accounts, tokens and abuse protection. The signing key is an EC P-256 private key (PKCS#8 PEM)
 * for ES256; without it the service does not serve (the dev run generates one).
 */
public record AuthSettings(
    String jwtPrivateKeyPem,
    String jwtIssuer,
    String jwtAudience,
    int accessTokenTtlSeconds,
    int refreshTokenTtlDays,
    int refreshReuseGraceSeconds,
    String captchaVerifyUrl,
    String captchaSecret,
    int captchaTimeoutMs,
    List<String> trustedProxies,
    List<String> corsOrigins,
    int authRateLimitPerMinute,
    int authGlobalRateLimitPerMinute,
    int loginCaptchaAfterFailures,
    int loginFailureWindowMinutes,
    int loginLockAfterFailures,
    int ipCaptchaAfterFailures,
    int ipLockAfterFailures,
    int passwordHashingQueue) {

  static AuthSettings from(Env env) {
    String pem = env.optional("JWT_PRIVATE_KEY");
    if (pem != null && !pem.contains("BEGIN PRIVATE KEY")) {
      throw new ConfigException("JWT_PRIVATE_KEY", "must be a PKCS#8 PEM EC P-256 private key");
    }
    List<String> proxies = list(env.optional("TRUSTED_PROXIES"));
    try {
      new dev.storefront.security.ClientIp(proxies);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("TRUSTED_PROXIES", e.getMessage());
    }
    if (pem != null) dev.storefront.auth.SigningKeys.publicPemOf(pem.replace("\\n", "\n"));
    return new AuthSettings(
        pem == null ? null : pem.replace("\\n", "\n"),
        env.string("JWT_ISSUER", "storefront-api"),
        env.string("JWT_AUDIENCE", "storefront"),
        env.integer("ACCESS_TOKEN_TTL_SECONDS", 900, 60, 3_600),
        env.integer("REFRESH_TOKEN_TTL_DAYS", 30, 1, 365),
        env.integer("REFRESH_REUSE_GRACE_SECONDS", 10, 0, 60),
        env.string("CAPTCHA_VERIFY_URL", "https://challenges.cloudflare.com/turnstile/v0/siteverify"),
        env.optional("CAPTCHA_SECRET"),
        env.integer("CAPTCHA_TIMEOUT_MS", 3_000, 100, 30_000),
        proxies,
        list(env.optional("CORS_ALLOWED_ORIGINS")),
        env.integer("AUTH_RATE_LIMIT_PER_MINUTE", 10, 1, 100_000),
        env.integer("AUTH_GLOBAL_RATE_LIMIT_PER_MINUTE", 30, 1, 1_000_000),
        env.integer("LOGIN_CAPTCHA_AFTER_FAILURES", 5, 1, 1_000),
        env.integer("LOGIN_FAILURE_WINDOW_MINUTES", 15, 1, 1_440),
        env.integer("LOGIN_LOCK_AFTER_FAILURES", 20, 2, 10_000),
        env.integer("IP_CAPTCHA_AFTER_FAILURES", 10, 1, 10_000),
        env.integer("IP_LOCK_AFTER_FAILURES", 50, 2, 100_000),
        env.integer("PASSWORD_HASHING_QUEUE", 16 * Runtime.getRuntime().availableProcessors(), 1, 10_000));
  }

  private static List<String> list(String raw) {
    if (raw == null) return List.of();
    return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
