package dev.storefront.auth;

import dev.storefront.config.AppConfig;
import dev.storefront.config.AuthSettings;
import dev.storefront.security.AuthRateLimit;
import dev.storefront.security.ClientIp;
import dev.storefront.security.SecurityCounters;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;

/**
 * Builds sign-in: access and refresh tokens (with the refresh tokens' pruning timer), the auth
 * service with its password hashing, login throttle and captcha check, and the client-IP rules and
 * security counters that other features share. Separate so the process wiring does not need to know
 * how authentication is assembled.
 */
public record AuthWiring(AuthSettings settings, AccessTokens accessTokens, ClientIp clientIp,
    SecurityCounters counters, RefreshTokens refreshTokens, long pruningTimer, AuthService service) {

  /** Starts pruning spent refresh tokens at once; {@link #stopPruning} ends it. */
  public static AuthWiring create(Vertx vertx, Pool pool, Redis securityRedis, AppConfig config) {
    AuthSettings as = config.auth();
    AccessTokens accessTokens = new AccessTokens(vertx, as);
    ClientIp clientIp = new ClientIp(as.trustedProxies());
    SecurityCounters counters = new SecurityCounters(securityRedis, config.cacheNamespace(), config.redisTimeoutMs());
    WebClient http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(as.captchaTimeoutMs())
        .setUserAgent("storefront-api"));
    RefreshTokens refreshTokens = new RefreshTokens(pool, as);
    long pruningTimer = refreshTokens.schedulePruning(vertx);
    AuthService service = new AuthService(new UserRepository(pool), refreshTokens,
        accessTokens, new PasswordHashing(vertx, as.passwordHashingQueue()), new PasswordPolicy(), new LoginThrottle(counters, as),
        new CaptchaVerifier(http, as.captchaVerifyUrl(), as.captchaSecret(), as.captchaTimeoutMs()),
        as.accessTokenTtlSeconds());
    return new AuthWiring(as, accessTokens, clientIp, counters, refreshTokens, pruningTimer, service);
  }

  /** The per-endpoint and global limits on the auth operations. */
  public AuthRateLimit rateLimit() {
    return new AuthRateLimit(counters, clientIp, settings.authRateLimitPerMinute(),
        settings.authGlobalRateLimitPerMinute());
  }

  public void stopPruning(Vertx vertx) {
    vertx.cancelTimer(pruningTimer);
  }
}
