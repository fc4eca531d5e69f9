package dev.storefront.auth;

import dev.storefront.config.AuthSettings;
import dev.storefront.http.ProblemException;
import dev.storefront.http.SecurityCounters;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Failed-login counters, kept separately per account and per client IP, in Redis (shared by every
 * instance, failing closed). Past the captcha threshold in the short window a login must carry a
 * verified captcha; past the lock threshold in the hour it is refused with 429 until the oldest
 * failure leaves the window. Accounts are keyed by a hash of the email, known or not, so the
 * answers reveal nothing about which emails exist.
 */
public final class LoginThrottle {
  private static final long HOUR_MS = 3_600_000;

  /** What a login attempt must satisfy before its password is checked. */
  public enum Requirement { NONE, CAPTCHA }

  private final SecurityCounters counters;
  private final AuthSettings settings;
  private final long shortWindowMs;

  public LoginThrottle(SecurityCounters counters, AuthSettings settings) {
    this.counters = counters;
    this.settings = settings;
    this.shortWindowMs = settings.loginFailureWindowMinutes() * 60_000L;
  }

  /** Fails with 429 when locked; otherwise says whether a captcha is needed. */
  public Future<Requirement> check(String email, String ip) {
    Future<long[]> account = counters.count(accountKey(email), shortWindowMs, HOUR_MS);
    Future<long[]> address = counters.count(ipKey(ip), shortWindowMs, HOUR_MS);
    return Future.all(account, address).compose(all -> {
      long[] a = account.result();
      long[] i = address.result();
      if (a[1] >= settings.loginLockAfterFailures() || i[1] >= settings.ipLockAfterFailures()) {
        long wait = a[1] >= settings.loginLockAfterFailures() ? a[2] : i[2];
        return Future.failedFuture(new ProblemException(429, "login-locked", "Too many failed sign-ins",
            "Too many failed sign-ins; retry after " + wait + " s.").retryAfter(wait));
      }
      boolean captcha = a[0] >= settings.loginCaptchaAfterFailures() || i[0] >= settings.ipCaptchaAfterFailures();
      return Future.succeededFuture(captcha ? Requirement.CAPTCHA : Requirement.NONE);
    });
  }

  public Future<Void> recordFailure(String email, String ip) {
    return Future.all(counters.add(accountKey(email), HOUR_MS), counters.add(ipKey(ip), HOUR_MS)).mapEmpty();
  }

  /** A successful sign-in clears the account's failures (not the address's). */
  public Future<Void> recordSuccess(String email) {
    return counters.clear(accountKey(email));
  }

  private static String accountKey(String email) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8));
      return "login:acct:" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String ipKey(String ip) {
    return "login:ip:" + ip;
  }
}
